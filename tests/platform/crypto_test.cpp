// Password hashing (argon2id), random tokens and how tokens are hashed for storage.
#include "platform/auth/crypto.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace propdesk::auth {
namespace {

class PasswordHashing : public ::testing::Test {
  protected:
    void SetUp() override {
        init_crypto();
        set_password_cost(PasswordCost::minimal);
    }
};

// Puts the cost back to minimal (what the rest of the test binary uses) however the test ends.
struct InteractiveCost {
    InteractiveCost() { set_password_cost(PasswordCost::interactive); }
    ~InteractiveCost() { set_password_cost(PasswordCost::minimal); }
};

TEST(Crypto, InitIsSafeToCallMoreThanOnce) {
    EXPECT_NO_THROW(init_crypto());
    EXPECT_NO_THROW(init_crypto());
}

TEST_F(PasswordHashing, HashIsArgon2idAndVerifiesTheRightPassword) {
    auto h = hash_password("propdesk-demo");
    EXPECT_TRUE(h.starts_with("$argon2id$")) << h;
    EXPECT_TRUE(verify_password(h, "propdesk-demo"));
}

TEST_F(PasswordHashing, WrongPasswordFails) {
    auto h = hash_password("propdesk-demo");
    EXPECT_FALSE(verify_password(h, "propdesk-dem0"));
    EXPECT_FALSE(verify_password(h, "Propdesk-demo"));
    EXPECT_FALSE(verify_password(h, "propdesk-demo "));
    EXPECT_FALSE(verify_password(h, ""));
}

TEST_F(PasswordHashing, TwoHashesOfTheSamePasswordDifferBecauseOfTheSalt) {
    auto a = hash_password("same password");
    auto b = hash_password("same password");
    EXPECT_NE(a, b);
    EXPECT_TRUE(verify_password(a, "same password"));
    EXPECT_TRUE(verify_password(b, "same password"));
}

TEST_F(PasswordHashing, MinimalCostUsesLibsodiumsMinimumLimits) {
    auto h = hash_password("propdesk-demo");
    EXPECT_NE(h.find("$m=8,t=1,"), std::string::npos) << h;
}

TEST_F(PasswordHashing, UnicodeAndEmptyPasswordsHashAndVerify) {
    auto zh = hash_password("物業服務中心密碼");
    EXPECT_TRUE(verify_password(zh, "物業服務中心密碼"));
    EXPECT_FALSE(verify_password(zh, "物业服务中心密码"));  // Simplified is another password
    auto empty = hash_password("");
    EXPECT_TRUE(verify_password(empty, ""));
    EXPECT_FALSE(verify_password(empty, " "));
}

TEST_F(PasswordHashing, PasswordWithAnEmbeddedNulIsHashedWhole) {
    std::string with_nul("abc\0def", 7);
    auto h = hash_password(with_nul);
    EXPECT_TRUE(verify_password(h, with_nul));
    EXPECT_FALSE(verify_password(h, "abc"));
}

TEST_F(PasswordHashing, GarbageOrTruncatedHashesNeverVerify) {
    auto h = hash_password("propdesk-demo");
    EXPECT_FALSE(verify_password("", "propdesk-demo"));
    EXPECT_FALSE(verify_password("not a hash", "propdesk-demo"));
    EXPECT_FALSE(verify_password(h.substr(0, h.size() - 5), "propdesk-demo"));
    EXPECT_FALSE(verify_password(token_hash("propdesk-demo"), "propdesk-demo"));
}

TEST_F(PasswordHashing, InteractiveCostHashesWithProductionLimitsAndStillVerifies) {
    std::string h;
    {
        InteractiveCost cost;
        h = hash_password("correct horse battery");
    }
    EXPECT_TRUE(h.starts_with("$argon2id$")) << h;
    EXPECT_NE(h.find("$m=65536,t=2,"), std::string::npos) << h;  // 64 MiB, 2 passes
    EXPECT_TRUE(verify_password(h, "correct horse battery"));
    EXPECT_FALSE(verify_password(h, "wrong horse battery"));
}

TEST_F(PasswordHashing, AHashVerifiesWhateverTheCurrentCostSetting) {
    auto minimal = hash_password("propdesk-demo");
    InteractiveCost cost;
    EXPECT_TRUE(verify_password(minimal, "propdesk-demo"));
}

TEST(RandomToken, Is43UrlSafeBase64Characters) {
    auto t = random_token();
    EXPECT_EQ(t.size(), 43u);  // 32 bytes, base64 without padding
    for (char c : t) {
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        EXPECT_TRUE(ok) << "unexpected character '" << c << "' in " << t;
    }
}

TEST(RandomToken, TokensAreUnique) {
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) seen.insert(random_token());
    EXPECT_EQ(seen.size(), 2000u);
}

TEST(TokenHash, IsSha256InLowerCaseHex) {
    EXPECT_EQ(token_hash(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(TokenHash, Is64HexCharactersAndStable) {
    auto t = random_token();
    auto h = token_hash(t);
    EXPECT_EQ(h.size(), 64u);
    for (char c : h) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << h;
    EXPECT_EQ(token_hash(t), h);
}

TEST(TokenHash, DifferentTokensHashDifferently) {
    EXPECT_NE(token_hash("token-a"), token_hash("token-b"));
    EXPECT_NE(token_hash(random_token()), token_hash(random_token()));
}

}  // namespace
}  // namespace propdesk::auth

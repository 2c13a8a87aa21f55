#include "platform/auth/crypto.hpp"

#include <sodium.h>

#include <atomic>
#include <stdexcept>

namespace propdesk::auth {
namespace {
std::atomic<PasswordCost> g_cost{PasswordCost::interactive};
}

void init_crypto() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

void set_password_cost(PasswordCost cost) {
    g_cost = cost;
}

std::string hash_password(std::string_view password) {
    init_crypto();
    char out[crypto_pwhash_STRBYTES];
    bool minimal = g_cost == PasswordCost::minimal;
    unsigned long long ops = minimal ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    size_t mem = minimal ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("out of memory hashing a password");
    return out;
}

bool verify_password(std::string_view encoded_hash, std::string_view password) {
    std::string h(encoded_hash);
    return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string random_token() {
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

std::string token_hash(std::string_view token) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

}  // namespace propdesk::auth

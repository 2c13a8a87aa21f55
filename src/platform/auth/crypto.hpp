// Passwords (argon2id) and random tokens (session cookies, device tokens), stored only as hashes.
#pragma once

#include <string>
#include <string_view>

namespace propdesk::auth {

enum class PasswordCost {
    interactive,  // production: libsodium's interactive limits (64 MiB, 2 passes)
    minimal,      // tests only, so hundreds of sign-ins stay fast
};

void init_crypto();  // sodium_init; safe to call more than once
void set_password_cost(PasswordCost cost);
std::string hash_password(std::string_view password);
bool verify_password(std::string_view encoded_hash, std::string_view password);

// 32 random bytes as URL-safe base64, for cookies and device tokens.
std::string random_token();
// Hex SHA-256, how tokens are stored and looked up.
std::string token_hash(std::string_view token);

}  // namespace propdesk::auth

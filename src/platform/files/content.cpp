#include "platform/files/content.hpp"

#include <sodium.h>

#include <vector>

namespace propdesk::files {

std::optional<std::string> sniff(std::string_view b) {
    if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return "image/png";
    if (b.size() >= 3 && b.substr(0, 3) == std::string_view("\xff\xd8\xff", 3)) return "image/jpeg";
    if (b.size() >= 5 && b.substr(0, 5) == "%PDF-") return "application/pdf";
    return std::nullopt;
}

bool kind_accepts(std::string_view kind, std::string_view type) {
    if (kind == "signature") return type == "image/png";
    bool image = type == "image/png" || type == "image/jpeg";
    if (kind == "photo") return image;
    if (kind == "receipt" || kind == "document") return image || type == "application/pdf";
    return false;
}

int64_t max_bytes(std::string_view kind) {
    return kind == "signature" ? 512 * 1024 : kMaxUpload;
}

std::string to_base64(std::string_view bytes) {
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::optional<std::string> from_base64(std::string_view text) {
    std::string out(text.size() / 4 * 3 + 3, '\0');
    size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        return std::nullopt;
    out.resize(len);
    return out;
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

}  // namespace propdesk::files

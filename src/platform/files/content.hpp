// Uploaded evidence (signatures, receipt photos): what type the bytes really are, how large a
// kind may be, and their base64 and SHA-256. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace propdesk::files {

// The type the bytes' first bytes say: image/png, image/jpeg, application/pdf, or nullopt.
std::optional<std::string> sniff(std::string_view bytes);
// Whether a kind may hold that type: a signature is a PNG drawn on the screen; receipts, photos
// and documents are PNG or JPEG images, receipts and documents also PDF.
bool kind_accepts(std::string_view kind, std::string_view content_type);
// The largest upload of a kind: a signature 512 KiB, anything else 5 MiB.
int64_t max_bytes(std::string_view kind);
inline constexpr int64_t kMaxUpload = 5 * 1024 * 1024;

std::string to_base64(std::string_view bytes);
std::optional<std::string> from_base64(std::string_view text);
std::string sha256_hex(std::string_view bytes);

}  // namespace propdesk::files

// Serving the built web app from a directory: cache headers, content types, SPA fallback to
// index.html, 404 for missing assets and refusal of path traversal.
#include "platform/http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>

namespace propdesk::http {
namespace {

namespace fs = std::filesystem;

const char* kIndex = "<!doctype html><title>PropDesk</title>";
const char* kAppJs = "console.log('propdesk');";

class StaticFilesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        std::random_device rd;
        base_ = fs::temp_directory_path() / ("propdesk_static_" + std::to_string(rd()) + std::to_string(rd()));
        root_ = base_ / "dist";
        fs::create_directories(root_ / "assets");
        write(root_ / "index.html", kIndex);
        write(root_ / "assets" / "app.abc123.js", kAppJs);
        write(root_ / "assets" / "app.abc123.css", "body{}");
        write(root_ / "assets" / "logo.5f5f.svg", "<svg/>");
        write(root_ / "favicon.ico", "ICO");
        write(root_ / "robots.txt", "User-agent: *");
        write(base_ / "secret.txt", "do not serve");  // outside the root
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(base_, ec);
    }

    static void write(const fs::path& p, const std::string& body) {
        std::ofstream out(p, std::ios::binary);
        out << body;
    }

    std::optional<Response> get(const std::string& path, const std::string& accept_encoding = "") const {
        Request req;
        req.method = "GET";
        req.target = path;
        req.path = path;
        if (!accept_encoding.empty()) req.headers.emplace_back("accept-encoding", accept_encoding);
        return StaticFiles(root_).serve(req);
    }

    static std::optional<std::string> header(const Response& r, const std::string& name) {
        for (const auto& [k, v] : r.headers)
            if (k == name) return v;
        return std::nullopt;
    }

    fs::path base_;
    fs::path root_;
};

TEST_F(StaticFilesTest, HashedAssetIsCachedForAYearAsImmutableJavaScript) {
    auto r = get("/assets/app.abc123.js");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, kAppJs);
    EXPECT_EQ(r->content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(header(*r, "Cache-Control"), "public, max-age=31536000, immutable");
}

TEST_F(StaticFilesTest, OtherAssetTypesGetTheirContentType) {
    auto css = get("/assets/app.abc123.css");
    ASSERT_TRUE(css);
    EXPECT_EQ(css->content_type, "text/css; charset=utf-8");
    EXPECT_EQ(header(*css, "Cache-Control"), "public, max-age=31536000, immutable");
    auto svg = get("/assets/logo.5f5f.svg");
    ASSERT_TRUE(svg);
    EXPECT_EQ(svg->content_type, "image/svg+xml");
}

TEST_F(StaticFilesTest, IndexHtmlIsNeverCached) {
    auto r = get("/index.html");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, kIndex);
    EXPECT_EQ(r->content_type, "text/html; charset=utf-8");
    EXPECT_EQ(header(*r, "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, RootServesIndexHtmlWithoutCaching) {
    auto r = get("/");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body, kIndex);
    EXPECT_EQ(r->content_type, "text/html; charset=utf-8");
    EXPECT_EQ(header(*r, "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, FilesOutsideAssetsAreServedWithNoCache) {
    auto r = get("/robots.txt");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body, "User-agent: *");
    EXPECT_EQ(r->content_type, "text/plain; charset=utf-8");
    EXPECT_EQ(header(*r, "Cache-Control"), "no-cache");
    auto ico = get("/favicon.ico");
    ASSERT_TRUE(ico);
    EXPECT_EQ(ico->content_type, "image/x-icon");
}

TEST_F(StaticFilesTest, UnknownAppRouteFallsBackToIndexHtml) {
    for (const char* path : {"/units/12", "/cases", "/sites/3/buildings/", "/設定"}) {
        auto r = get(path);
        ASSERT_TRUE(r) << path;
        EXPECT_EQ(r->status, 200) << path;
        EXPECT_EQ(r->body, kIndex) << path;
        EXPECT_EQ(r->content_type, "text/html; charset=utf-8") << path;
        EXPECT_EQ(header(*r, "Cache-Control"), "no-cache") << path;
    }
}

TEST_F(StaticFilesTest, MissingHashedAssetIsNotFound) {
    EXPECT_EQ(get("/assets/x.js"), std::nullopt);
    EXPECT_EQ(get("/assets/app.old999.js"), std::nullopt);
    EXPECT_EQ(get("/assets/no-dot-at-all"), std::nullopt);  // under assets/ it is never an app route
}

TEST_F(StaticFilesTest, AssetsDirectoryItselfIsNotFound) {
    EXPECT_EQ(get("/assets"), std::nullopt);
    EXPECT_EQ(get("/assets/"), std::nullopt);
}

TEST_F(StaticFilesTest, MissingPathWithADotIsNotFoundRatherThanTheApp) {
    EXPECT_EQ(get("/missing.png"), std::nullopt);
    EXPECT_EQ(get("/units/12.json"), std::nullopt);
    EXPECT_EQ(get("/v1.2/page"), std::nullopt);
}

TEST_F(StaticFilesTest, DotDotTraversalIsRefused) {
    ASSERT_TRUE(fs::exists(root_ / ".." / "secret.txt"));
    EXPECT_EQ(get("/../secret.txt"), std::nullopt);
    EXPECT_EQ(get("/assets/../../secret.txt"), std::nullopt);
    EXPECT_EQ(get("/assets/../index.html"), std::nullopt);
    EXPECT_EQ(get("/units/../../secret.txt"), std::nullopt);
    EXPECT_EQ(get("/.."), std::nullopt);
}

TEST_F(StaticFilesTest, SingleDotBackslashAndNulSegmentsAreRefused) {
    EXPECT_EQ(get("/./index.html"), std::nullopt);
    EXPECT_EQ(get("/assets/..\\..\\secret.txt"), std::nullopt);
    EXPECT_EQ(get(std::string("/index.html\0.js", 15)), std::nullopt);
}

TEST_F(StaticFilesTest, WithoutIndexHtmlAnAppRouteIsNotFound) {
    fs::remove(root_ / "index.html");
    EXPECT_EQ(get("/units/12"), std::nullopt);
    EXPECT_EQ(get("/"), std::nullopt);
    // Real files are still served.
    EXPECT_TRUE(get("/assets/app.abc123.js"));
}

TEST_F(StaticFilesTest, MissingRootServesNothing) {
    Request req;
    req.method = "GET";
    req.path = "/units/12";
    EXPECT_EQ(StaticFiles(base_ / "no-such-dir").serve(req), std::nullopt);
    EXPECT_EQ(StaticFiles(base_ / "no-such-dir").root(), base_ / "no-such-dir");
}

TEST(ContentTypeFor, KnownExtensions) {
    EXPECT_EQ(content_type_for("a.html"), "text/html; charset=utf-8");
    EXPECT_EQ(content_type_for("a.js"), "text/javascript; charset=utf-8");
    EXPECT_EQ(content_type_for("a.mjs"), "text/javascript; charset=utf-8");
    EXPECT_EQ(content_type_for("a.css"), "text/css; charset=utf-8");
    EXPECT_EQ(content_type_for("a.json"), "application/json");
    EXPECT_EQ(content_type_for("a.svg"), "image/svg+xml");
    EXPECT_EQ(content_type_for("a.png"), "image/png");
    EXPECT_EQ(content_type_for("a.jpg"), "image/jpeg");
    EXPECT_EQ(content_type_for("a.jpeg"), "image/jpeg");
    EXPECT_EQ(content_type_for("a.ico"), "image/x-icon");
    EXPECT_EQ(content_type_for("a.woff2"), "font/woff2");
    EXPECT_EQ(content_type_for("a.woff"), "font/woff");
    EXPECT_EQ(content_type_for("a.txt"), "text/plain; charset=utf-8");
    EXPECT_EQ(content_type_for("manifest.webmanifest"), "application/manifest+json");
}

TEST(ContentTypeFor, UnknownOrMissingExtensionIsOctetStream) {
    EXPECT_EQ(content_type_for("a.wasm2"), "application/octet-stream");
    EXPECT_EQ(content_type_for("Makefile"), "application/octet-stream");
    EXPECT_EQ(content_type_for("a.JS"), "application/octet-stream");  // extensions are case-sensitive
}

// Issue 13 (fast on a phone): the build puts a brotli and a gzip copy beside each text asset; the
// server picks the one the browser takes and never compresses per request.
class PrecompressedTest : public StaticFilesTest {
  protected:
    void SetUp() override {
        StaticFilesTest::SetUp();
        write(root_ / "assets" / "app.abc123.js.br", "BROTLI");
        write(root_ / "assets" / "app.abc123.js.gz", "GZIP");
        write(root_ / "index.html.gz", "GZ-INDEX");
    }
};

TEST_F(PrecompressedTest, BrotliIsPreferredWhenTakenThenGzipThenThePlainFile) {
    auto br = get("/assets/app.abc123.js", "gzip, deflate, br, zstd");
    ASSERT_TRUE(br);
    EXPECT_EQ(br->body, "BROTLI");
    EXPECT_EQ(header(*br, "Content-Encoding"), "br");
    EXPECT_EQ(header(*br, "Vary"), "Accept-Encoding");
    EXPECT_EQ(br->content_type, "text/javascript; charset=utf-8");  // the file's, not the .br's
    EXPECT_EQ(header(*br, "Cache-Control"), "public, max-age=31536000, immutable");

    auto gz = get("/assets/app.abc123.js", "gzip;q=1.0, br;q=0");
    ASSERT_TRUE(gz);
    EXPECT_EQ(gz->body, "GZIP");
    EXPECT_EQ(header(*gz, "Content-Encoding"), "gzip");

    auto plain = get("/assets/app.abc123.js", "identity");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->body, kAppJs);
    EXPECT_EQ(header(*plain, "Content-Encoding"), std::nullopt);
    EXPECT_EQ(header(*plain, "Vary"), "Accept-Encoding");  // a cache must not hand it to a gzip client
    EXPECT_EQ(get("/assets/app.abc123.js")->body, kAppJs);
}

TEST_F(PrecompressedTest, TheAppRouteFallbackIsCompressedToo) {
    auto r = get("/cases/12", "gzip");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body, "GZ-INDEX");
    EXPECT_EQ(r->content_type, "text/html; charset=utf-8");
    EXPECT_EQ(header(*r, "Content-Encoding"), "gzip");
    EXPECT_EQ(header(*r, "Cache-Control"), "no-cache");
}

TEST_F(PrecompressedTest, AFileWithoutACopyIsServedAsIsWithoutVary) {
    auto r = get("/assets/app.abc123.css", "br, gzip");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body, "body{}");
    EXPECT_EQ(header(*r, "Content-Encoding"), std::nullopt);
    EXPECT_EQ(header(*r, "Vary"), std::nullopt);
}

}  // namespace
}  // namespace propdesk::http

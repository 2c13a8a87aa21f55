// The one storage interface every module uses; SQLite and PostgreSQL implement it.
// SQL is written once with $1…$n placeholders, integer epoch-ms times and int64 cents.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace propdesk::db {

struct Null {
    bool operator==(const Null&) const = default;
};
using Value = std::variant<Null, int64_t, double, std::string>;

class Row {
  public:
    Row() = default;
    explicit Row(std::vector<Value> cols) : cols_(std::move(cols)) {}
    // For a backend that streams rows into one Row, reusing its strings' storage.
    std::vector<Value>& values() { return cols_; }
    size_t size() const { return cols_.size(); }
    bool is_null(size_t i) const { return std::holds_alternative<Null>(cols_.at(i)); }
    int64_t i64(size_t i) const;
    double f64(size_t i) const;
    std::string str(size_t i) const;
    std::optional<int64_t> opt_i64(size_t i) const;
    std::optional<std::string> opt_str(size_t i) const;
    const Value& at(size_t i) const { return cols_.at(i); }

  private:
    std::vector<Value> cols_;
};

struct Result {
    std::vector<Row> rows;
    int64_t affected = 0;
};

// Why a statement failed, so callers can map it to an HTTP status (409, 503, 500).
enum class ErrorKind { unique_violation, foreign_key_violation, check_violation, busy, other };

class DbError : public std::runtime_error {
  public:
    DbError(ErrorKind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
    ErrorKind kind() const { return kind_; }

  private:
    ErrorKind kind_;
};

// A connection inside one transaction. Only a store uses it.
class Conn {
  public:
    virtual ~Conn() = default;
    virtual Result run(std::string_view sql, std::span<const Value> params) = 0;
    // Calls f with each row as it is read, without keeping them all: for large pages. The row
    // passed to f is only valid during that call.
    virtual void each(std::string_view sql, std::span<const Value> params, const std::function<void(const Row&)>& f) {
        for (const auto& row : run(sql, params).rows) f(row);
    }
    // Runs a script of several statements without parameters (migrations).
    virtual void exec_script(std::string_view sql) = 0;

    template <class... A>
    Result query(std::string_view sql, A&&... args) {
        std::vector<Value> params{to_value(std::forward<A>(args))...};
        return run(sql, params);
    }
    template <class... A>
    std::optional<Row> one(std::string_view sql, A&&... args) {
        auto r = query(sql, std::forward<A>(args)...);
        if (r.rows.empty()) return std::nullopt;
        return std::move(r.rows.front());
    }
    template <class... A>
    int64_t exec(std::string_view sql, A&&... args) {
        return query(sql, std::forward<A>(args)...).affected;
    }

    static Value to_value(Value v) { return v; }
    static Value to_value(std::nullopt_t) { return Null{}; }
    static Value to_value(const char* s) { return std::string(s); }
    static Value to_value(std::string_view s) { return std::string(s); }
    static Value to_value(const std::string& s) { return s; }
    static Value to_value(std::string&& s) { return std::move(s); }
    static Value to_value(bool b) { return int64_t{b ? 1 : 0}; }
    static Value to_value(int v) { return int64_t{v}; }
    static Value to_value(long v) { return int64_t{v}; }
    static Value to_value(long long v) { return int64_t{v}; }
    static Value to_value(unsigned v) { return int64_t{v}; }
    static Value to_value(double v) { return v; }
    template <class T>
    static Value to_value(const std::optional<T>& o) {
        return o ? to_value(*o) : Value{Null{}};
    }
};

enum class Backend { sqlite, postgres };

struct PoolStats {
    int readers_total = 0;
    int readers_in_use = 0;
    int64_t writes_committed = 0;
    int64_t write_batches = 0;  // group commits; writes_committed / write_batches is the batching factor
    int write_queue_depth = 0;
};

struct Options {
    int readers = 4;  // SQLite reader connections / PostgreSQL pool size
    int busy_timeout_ms = 5000;
    bool durable = true;  // SQLite synchronous=FULL
    int max_batch = 256;  // SQLite group commit: most transactions per fsync
};

class Db {
  public:
    virtual ~Db() = default;
    virtual Backend backend() const = 0;
    // Runs f in a read transaction on a pooled connection.
    virtual void read(const std::function<void(Conn&)>& f) = 0;
    // Runs f in one write transaction and returns once it is durably committed.
    // If f throws, its changes are rolled back and the exception is rethrown.
    virtual void write(const std::function<void(Conn&)>& f) = 0;
    virtual PoolStats stats() const = 0;
    // A cheap round trip for /healthz.
    virtual bool ping() = 0;

    template <class F>
    auto read_value(F&& f) {
        std::optional<decltype(f(std::declval<Conn&>()))> out;
        read([&](Conn& c) { out.emplace(f(c)); });
        return std::move(*out);
    }
    template <class F>
    auto write_value(F&& f) {
        std::optional<decltype(f(std::declval<Conn&>()))> out;
        write([&](Conn& c) { out.emplace(f(c)); });
        return std::move(*out);
    }
};

// "sqlite:PATH" or "postgresql://…" (also "postgres://…").
std::unique_ptr<Db> open(const std::string& url, const Options& options = {});
std::unique_ptr<Db> open_sqlite(const std::string& path, const Options& options);
std::unique_ptr<Db> open_postgres(const std::string& conninfo, const Options& options);

}  // namespace propdesk::db

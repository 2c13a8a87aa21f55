// PostgreSQL backend: a fixed pool of libpq connections shared by reads and writes,
// prepared statements cached per connection, parameters and results in text format.
#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "platform/db/db.hpp"

namespace propdesk::db {
namespace {

// Type OIDs from pg_type.h, which libpq does not install.
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

ErrorKind kind_of_sqlstate(std::string_view state) {
    if (state == "23505") return ErrorKind::unique_violation;
    if (state == "23503") return ErrorKind::foreign_key_violation;
    if (state == "23514" || state == "23502") return ErrorKind::check_violation;
    // Serialization failure, deadlock, lock timeout, statement timeout: retrying later may work.
    if (state == "40001" || state == "40P01" || state == "55P03" || state == "57014") return ErrorKind::busy;
    // The connection or the server went away (class 08, shutdown, too many connections).
    if (state.starts_with("08") || state.starts_with("57P") || state == "53300") return ErrorKind::busy;
    return ErrorKind::other;
}

std::string trimmed(const char* s) {
    std::string out = s ? s : "";
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

// A result with no SQLSTATE (or no result at all) means libpq lost the connection.
[[noreturn]] void throw_error(PGconn* conn, const PGresult* res) {
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    if (!state) {
        std::string msg = trimmed(res ? PQresultErrorMessage(res) : nullptr);
        if (msg.empty()) msg = trimmed(PQerrorMessage(conn));
        throw DbError(ErrorKind::busy, "PostgreSQL connection failed: " + msg);
    }
    std::string msg = trimmed(PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
    if (const char* detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL)) msg += " (" + trimmed(detail) + ")";
    throw DbError(kind_of_sqlstate(state), msg + " [SQLSTATE " + state + "]");
}

void check(PGconn* conn, const PgResult& res) {
    if (!res) throw_error(conn, nullptr);
    switch (PQresultStatus(res.get())) {
        case PGRES_COMMAND_OK:
        case PGRES_TUPLES_OK:
        case PGRES_EMPTY_QUERY:
            return;
        default:
            throw_error(conn, res.get());
    }
}

// to_chars and from_chars, unlike printf and strtod, ignore the process locale, which
// could otherwise turn 0.5 into "0,5".
std::string param_text(const Value& v) {
    if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
    if (auto p = std::get_if<double>(&v)) {
        char buf[32];
        auto end = std::to_chars(buf, buf + sizeof buf, *p, std::chars_format::general, 17).ptr;  // as %.17g
        return std::string(buf, end);
    }
    return std::get<std::string>(v);
}

template <class T>
T parse(const char* s, int len) {
    T out{};
    auto [ptr, ec] = std::from_chars(s, s + len, out);
    if (ec != std::errc{} || ptr != s + len) {
        throw DbError(ErrorKind::other, "unexpected number from PostgreSQL: " + std::string(s, len));
    }
    return out;
}

// SUM() and friends over BIGINT return numeric; SQLite gives an integer there, so a
// numeric without a fraction comes back as int64 too, as long as it fits.
Value numeric(const char* s, int len) {
    if (std::string_view(s, len).find_first_not_of("-0123456789") == std::string_view::npos) {
        int64_t out = 0;
        auto [ptr, ec] = std::from_chars(s, s + len, out);
        if (ec == std::errc{} && ptr == s + len) return out;
    }
    return parse<double>(s, len);  // from_chars also reads NaN and Infinity
}

Value column(const PGresult* res, int row, int col) {
    if (PQgetisnull(res, row, col)) return Null{};
    const char* text = PQgetvalue(res, row, col);
    int len = PQgetlength(res, row, col);
    switch (PQftype(res, col)) {
        case kInt2:
        case kInt4:
        case kInt8:
            return parse<int64_t>(text, len);
        case kFloat4:
        case kFloat8:
            return parse<double>(text, len);
        case kNumeric:
            return numeric(text, len);
        case kBool:
            return int64_t{text[0] == 't' ? 1 : 0};
        default:
            return std::string(text, len);
    }
}

void ignore_notice(void*, const char*) {}

class PgConn final : public Conn {
  public:
    explicit PgConn(std::string conninfo) : conninfo_(std::move(conninfo)) {}
    ~PgConn() override { disconnect(); }
    PgConn(const PgConn&) = delete;
    PgConn& operator=(const PgConn&) = delete;

    bool healthy() const { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

    // Server-side prepared statements die with the session, so the cache goes too.
    void connect() {
        disconnect();
        const char* keys[] = {"dbname", "client_encoding", nullptr};
        const char* values[] = {conninfo_.c_str(), "UTF8", nullptr};
        conn_ = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
        if (PQstatus(conn_) != CONNECTION_OK) {
            std::string msg = trimmed(PQerrorMessage(conn_));
            disconnect();
            throw DbError(ErrorKind::busy, "cannot connect to PostgreSQL: " + msg);
        }
        // Notices such as "table already exists, skipping" would go to stderr otherwise.
        PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
        // Times are epoch-ms integers, but now() and casts to text should not depend on the host.
        exec_script("SET TimeZone = 'UTC'");
    }

    void disconnect() {
        if (conn_) PQfinish(conn_);
        conn_ = nullptr;
        statements_.clear();
        next_statement_ = 0;
    }

    // A transaction left open (a failed ROLLBACK, a lost result) must not leak into the next user.
    bool idle() const { return healthy() && PQtransactionStatus(conn_) == PQTRANS_IDLE; }
    bool in_failed_transaction() const { return PQtransactionStatus(conn_) == PQTRANS_INERROR; }

    Result run(std::string_view sql, std::span<const Value> params) override {
        const Statement& stmt = prepare(sql);
        // Like SQLite, extra parameters that the statement does not use are ignored.
        int n = std::min(static_cast<int>(params.size()), stmt.params);
        std::vector<std::string> texts(n);
        std::vector<const char*> values(n);
        for (int i = 0; i < n; ++i) {
            if (std::holds_alternative<Null>(params[i])) {
                values[i] = nullptr;
            } else {
                texts[i] = param_text(params[i]);
                values[i] = texts[i].c_str();
            }
        }
        PgResult res(PQexecPrepared(conn_, stmt.name.c_str(), n, values.data(), nullptr, nullptr, 0));
        if (plan_went_stale(res.get())) statements_.erase(std::string(sql));
        check(conn_, res);
        return to_result(res.get());
    }

    void exec_script(std::string_view sql) override {
        PgResult res(PQexec(conn_, std::string(sql).c_str()));
        check(conn_, res);
    }

    // Returns the command tag, which tells a real COMMIT from one the server turned into ROLLBACK.
    std::string exec_command(const char* sql) {
        PgResult res(PQexec(conn_, sql));
        check(conn_, res);
        return PQcmdStatus(res.get());
    }

  private:
    struct Statement {
        std::string name;
        int params = 0;
    };

    // A `SELECT *` prepared before its table changed shape cannot run again ("cached plan
    // must not change result type"); forgetting it lets the next transaction prepare afresh.
    static bool plan_went_stale(const PGresult* res) {
        const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
        return state && std::string_view(state) == "0A000";
    }

    const Statement& prepare(std::string_view sql) {
        std::string key(sql);
        if (auto it = statements_.find(key); it != statements_.end()) return it->second;
        // Never reuse a name: a statement forgotten above still exists on the server.
        std::string name = "pd" + std::to_string(next_statement_++);
        PgResult prepared(PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr));
        check(conn_, prepared);
        // The server counts the $n the statement uses; run() needs that count to bind.
        PgResult described(PQdescribePrepared(conn_, name.c_str()));
        check(conn_, described);
        Statement stmt{std::move(name), PQnparams(described.get())};
        return statements_.emplace(std::move(key), std::move(stmt)).first->second;
    }

    static Result to_result(const PGresult* res) {
        Result out;
        int rows = PQntuples(res);
        int cols = PQnfields(res);
        out.rows.reserve(rows);
        for (int r = 0; r < rows; ++r) {
            std::vector<Value> row;
            row.reserve(cols);
            for (int c = 0; c < cols; ++c) row.push_back(column(res, r, c));
            out.rows.emplace_back(std::move(row));
        }
        const char* tuples = PQcmdTuples(const_cast<PGresult*>(res));
        out.affected = (tuples && *tuples) ? parse<int64_t>(tuples, static_cast<int>(std::strlen(tuples))) : 0;
        return out;
    }

    std::string conninfo_;
    PGconn* conn_ = nullptr;
    std::unordered_map<std::string, Statement> statements_;
    uint64_t next_statement_ = 0;
};

class PostgresDb final : public Db {
  public:
    PostgresDb(const std::string& conninfo, const Options& o) {
        int size = std::max(2, o.readers);
        for (int i = 0; i < size; ++i) {
            conns_.push_back(std::make_unique<PgConn>(conninfo));
            free_.push_back(conns_.back().get());
        }
        // Only the first connects now, so a bad URL fails at open; the rest connect when first needed.
        free_.back()->connect();
    }

    Backend backend() const override { return Backend::postgres; }

    void read(const std::function<void(Conn&)>& f) override { transaction("BEGIN READ ONLY", f); }

    void write(const std::function<void(Conn&)>& f) override {
        transaction("BEGIN", f);
        std::lock_guard lock(mu_);
        ++writes_committed_;
        ++write_batches_;
    }

    PoolStats stats() const override {
        std::lock_guard lock(mu_);
        PoolStats s;
        s.readers_total = static_cast<int>(conns_.size());
        s.readers_in_use = static_cast<int>(conns_.size() - free_.size());
        s.writes_committed = writes_committed_;
        s.write_batches = write_batches_;
        s.write_queue_depth = waiting_;  // callers of read() and write() waiting for a connection
        return s;
    }

    bool ping() override {
        try {
            Lease conn(*this, acquire());
            first_command(*conn, "SELECT 1");
            return true;
        } catch (...) {
            return false;
        }
    }

  private:
    class Lease {
      public:
        Lease(PostgresDb& db, PgConn* conn) : db_(db), conn_(conn) {}
        ~Lease() { db_.release(conn_); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        PgConn& operator*() const { return *conn_; }

      private:
        PostgresDb& db_;
        PgConn* conn_;
    };

    PgConn* acquire() {
        std::unique_lock lock(mu_);
        ++waiting_;
        cv_.wait(lock, [&] { return !free_.empty(); });
        --waiting_;
        PgConn* conn = free_.back();  // most recently used: likeliest to be connected already
        free_.pop_back();
        return conn;
    }

    void release(PgConn* conn) {
        if (!conn->idle()) conn->disconnect();
        {
            std::lock_guard lock(mu_);
            free_.push_back(conn);
        }
        cv_.notify_one();
    }

    // A connection the server dropped while it sat in the pool (restart, idle timeout)
    // fails at its first command, before anything ran, so one retry on a new connection is safe.
    static void first_command(PgConn& conn, const char* sql) {
        if (!conn.healthy()) conn.connect();
        try {
            conn.exec_command(sql);
        } catch (const DbError&) {
            if (conn.healthy()) throw;
            conn.connect();
            conn.exec_command(sql);
        }
    }

    void transaction(const char* begin_sql, const std::function<void(Conn&)>& f) {
        Lease conn(*this, acquire());
        first_command(*conn, begin_sql);
        try {
            f(*conn);
        } catch (...) {
            rollback(*conn);
            throw;
        }
        commit(*conn);
    }

    // A statement error that f swallowed leaves the transaction aborted; the server would
    // answer COMMIT with ROLLBACK, and the caller must not believe its write landed.
    static void commit(PgConn& conn) {
        if (conn.in_failed_transaction()) {
            rollback(conn);
            throw DbError(ErrorKind::other, "transaction aborted by an earlier error; rolled back");
        }
        if (conn.exec_command("COMMIT") != "COMMIT") {
            throw DbError(ErrorKind::other, "transaction rolled back by the server at COMMIT");
        }
    }

    static void rollback(PgConn& conn) {
        try {
            conn.exec_command("ROLLBACK");
        } catch (...) {
            conn.disconnect();  // its state is unknown; release() would drop it anyway
        }
    }

    std::vector<std::unique_ptr<PgConn>> conns_;
    std::vector<PgConn*> free_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    int waiting_ = 0;
    int64_t writes_committed_ = 0;
    int64_t write_batches_ = 0;
};

}  // namespace

std::unique_ptr<Db> open_postgres(const std::string& conninfo, const Options& options) {
    return std::make_unique<PostgresDb>(conninfo, options);
}

}  // namespace propdesk::db

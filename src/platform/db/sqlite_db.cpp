// SQLite backend: WAL, one writer thread that group-commits, a pool of readers,
// prepared statements cached per connection.
#include <sqlite3.h>

#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "platform/db/db.hpp"

namespace propdesk::db {
namespace {

ErrorKind kind_of(int extended_code) {
    switch (extended_code) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            return ErrorKind::unique_violation;
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            return ErrorKind::foreign_key_violation;
        case SQLITE_CONSTRAINT_CHECK:
        case SQLITE_CONSTRAINT_NOTNULL:
            return ErrorKind::check_violation;
    }
    int primary = extended_code & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return ErrorKind::busy;
    return ErrorKind::other;
}

// Rewrites $n as ?n outside quotes and comments. SQLite numbers "$n" by first appearance, so
// binding would need a name lookup per parameter; "?n" is parameter n, bound by index.
std::string numbered_placeholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size());
    for (size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (c == '\'' || c == '"') {
            size_t end = sql.find(c, i + 1);
            end = end == std::string_view::npos ? sql.size() : end + 1;
            out.append(sql.substr(i, end - i));
            i = end - 1;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            size_t end = sql.find('\n', i);
            end = end == std::string_view::npos ? sql.size() : end;
            out.append(sql.substr(i, end - i));
            i = end - 1;
        } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
            out += '?';
        } else {
            out += c;
        }
    }
    return out;
}

// strpos(text, part): PostgreSQL's function, so that one SQL text searches on both backends.
// 0 when part is not in text, else the 1-based byte offset (PostgreSQL counts characters; both
// are above 0 exactly when found, which is all the queries ask).
void strpos_function(sqlite3_context* ctx, int, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    auto text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    int text_len = sqlite3_value_bytes(argv[0]);
    auto part = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
    int part_len = sqlite3_value_bytes(argv[1]);
    std::string_view haystack(text ? text : "", static_cast<size_t>(text_len));
    size_t at = haystack.find(std::string_view(part ? part : "", static_cast<size_t>(part_len)));
    sqlite3_result_int64(ctx, at == std::string_view::npos ? 0 : static_cast<sqlite3_int64>(at) + 1);
}

class SqliteConn final : public Conn {
  public:
    enum class Role { writer, reader, checkpointer };
    SqliteConn(const std::string& path, bool read_only, const Options& o, Role role = Role::writer) {
        int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        flags |= SQLITE_OPEN_NOMUTEX;
        if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw DbError(ErrorKind::other, "cannot open " + path + ": " + msg);
        }
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, o.busy_timeout_ms);
        if (!read_only) {
            exec_script("PRAGMA journal_mode=WAL");
            exec_script(o.durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
        }
        exec_script("PRAGMA foreign_keys=ON");
        // Readers of a large database (a desk with a million cases) read through a memory map
        // rather than a pread per page. Not the writer: the file grows under it, and each remap
        // costs page faults and TLB flushes on every commit (measured: a third of create's time).
        if (role == Role::reader) exec_script("PRAGMA mmap_size=1073741824");
        // The writer keeps the index pages that inserts touch (64 MiB); readers 16 MiB each.
        exec_script(role == Role::writer ? "PRAGMA cache_size=-65536" : "PRAGMA cache_size=-16384");
        if (role == Role::checkpointer) exec_script("PRAGMA cache_size=-1024");
        sqlite3_create_function(db_, "strpos", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, strpos_function, nullptr,
                                nullptr);
    }
    ~SqliteConn() override {
        for (auto& [_, stmt] : cache_) sqlite3_finalize(stmt);
        sqlite3_close(db_);
    }

    Result run(std::string_view sql, std::span<const Value> params) override {
        sqlite3_stmt* stmt = prepare(sql);
        Reset reset{stmt};
        bind_all(stmt, params);
        Result result;
        int cols = sqlite3_column_count(stmt);
        for (;;) {
            int rc = sqlite3_step(stmt);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) fail(rc);
            std::vector<Value> row;
            row.reserve(cols);
            for (int c = 0; c < cols; ++c) row.push_back(column(stmt, c));
            result.rows.emplace_back(std::move(row));
        }
        result.affected = sqlite3_changes(db_);
        return result;
    }

    void each(std::string_view sql, std::span<const Value> params, const std::function<void(const Row&)>& f) override {
        sqlite3_stmt* stmt = prepare(sql);
        Reset reset{stmt};
        bind_all(stmt, params);
        int cols = sqlite3_column_count(stmt);
        Row row;
        auto& values = row.values();
        values.resize(cols);
        for (;;) {
            int rc = sqlite3_step(stmt);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) fail(rc);
            for (int c = 0; c < cols; ++c) read_column(stmt, c, values[c]);
            f(row);
        }
    }

    void exec_script(std::string_view sql) override {
        std::string s(sql);
        char* err = nullptr;
        int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
        if (rc != SQLITE_OK) {
            std::string msg = err ? err : sqlite3_errstr(rc);
            sqlite3_free(err);
            throw DbError(kind_of(sqlite3_extended_errcode(db_)), msg);
        }
    }

  private:
    sqlite3_stmt* prepare(std::string_view sql) {
        if (auto it = cache_.find(sql); it != cache_.end()) return it->second;
        std::string numbered = numbered_placeholders(sql);
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v3(db_, numbered.data(), static_cast<int>(numbered.size()), SQLITE_PREPARE_PERSISTENT,
                                    &stmt, nullptr);
        if (rc != SQLITE_OK) fail(rc);
        cache_.emplace(std::string(sql), stmt);
        return stmt;
    }
    static void bind(sqlite3_stmt* stmt, int idx, const Value& v) {
        if (std::holds_alternative<Null>(v)) {
            sqlite3_bind_null(stmt, idx);
        } else if (auto p = std::get_if<int64_t>(&v)) {
            sqlite3_bind_int64(stmt, idx, *p);
        } else if (auto p = std::get_if<double>(&v)) {
            sqlite3_bind_double(stmt, idx, *p);
        } else {
            const auto& s = std::get<std::string>(v);
            sqlite3_bind_text(stmt, idx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
        }
    }
    struct Reset {
        sqlite3_stmt* s;
        ~Reset() {
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
        }
    };
    static void bind_all(sqlite3_stmt* stmt, std::span<const Value> params) {
        // prepare() numbered the placeholders, so $n is index n; a statement may skip some $n.
        int count = sqlite3_bind_parameter_count(stmt);
        for (size_t i = 0; i < params.size() && static_cast<int>(i) < count; ++i)
            bind(stmt, static_cast<int>(i) + 1, params[i]);
    }
    // Like column(), but text goes into the string `out` already holds, keeping its capacity.
    static void read_column(sqlite3_stmt* stmt, int c, Value& out) {
        switch (sqlite3_column_type(stmt, c)) {  // every sqlite3_column_* call has a cost: one each
            case SQLITE_INTEGER:
                out = static_cast<int64_t>(sqlite3_column_int64(stmt, c));
                return;
            case SQLITE_FLOAT:
                out = sqlite3_column_double(stmt, c);
                return;
            case SQLITE_NULL:
                out = Null{};
                return;
        }
        auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        size_t n = static_cast<size_t>(sqlite3_column_bytes(stmt, c));
        if (auto s = std::get_if<std::string>(&out))
            s->assign(p ? p : "", n);
        else
            out = std::string(p ? p : "", n);
    }
    static Value column(sqlite3_stmt* stmt, int c) {
        switch (sqlite3_column_type(stmt, c)) {
            case SQLITE_INTEGER:
                return static_cast<int64_t>(sqlite3_column_int64(stmt, c));
            case SQLITE_FLOAT:
                return sqlite3_column_double(stmt, c);
            case SQLITE_NULL:
                return Null{};
            default: {
                auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
                return std::string(p ? p : "", sqlite3_column_bytes(stmt, c));
            }
        }
    }
    [[noreturn]] void fail(int rc) { throw DbError(kind_of(sqlite3_extended_errcode(db_)), sqlite3_errmsg(db_)); }

    struct TextHash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };

  public:
    sqlite3* handle() const { return db_; }

  private:
    sqlite3* db_ = nullptr;
    // Looked up by the caller's string_view: a cache hit allocates nothing.
    std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> cache_;
};

class SqliteDb final : public Db {
  public:
    SqliteDb(const std::string& path, const Options& o)
        : options_(o), writer_conn_(path, false, o), checkpoint_conn_(path, false, o, SqliteConn::Role::checkpointer) {
        for (int i = 0; i < std::max(1, o.readers); ++i) {
            readers_.push_back(std::make_unique<SqliteConn>(path, false, o, SqliteConn::Role::reader));
            free_readers_.push_back(readers_.back().get());
        }
        // Checkpoints run on their own thread: done by the committing writer (SQLite's default),
        // each one stalled every write queued behind it while it copied and fsynced the pages.
        // Setting a WAL hook also turns the writer's automatic checkpoints off.
        sqlite3_wal_hook(writer_conn_.handle(), &SqliteDb::on_wal_commit, this);
        checkpointer_ = std::thread([this] { checkpoint_loop(); });
        writer_ = std::thread([this] { writer_loop(); });
    }
    ~SqliteDb() override {
        {
            std::lock_guard lock(write_mu_);
            stopping_ = true;
        }
        write_cv_.notify_all();
        writer_.join();
        {
            std::lock_guard lock(checkpoint_mu_);
            checkpoint_stop_ = true;
        }
        checkpoint_cv_.notify_all();
        checkpointer_.join();
    }

    Backend backend() const override { return Backend::sqlite; }

    void read(const std::function<void(Conn&)>& f) override {
        SqliteConn* conn;
        {
            std::unique_lock lock(read_mu_);
            read_cv_.wait(lock, [&] { return !free_readers_.empty(); });
            conn = free_readers_.back();
            free_readers_.pop_back();
        }
        struct Return {
            SqliteDb* self;
            SqliteConn* conn;
            ~Return() {
                {
                    std::lock_guard lock(self->read_mu_);
                    self->free_readers_.push_back(conn);
                }
                self->read_cv_.notify_one();
            }
        } give_back{this, conn};
        conn->run("BEGIN", {});
        try {
            f(*conn);
        } catch (...) {
            conn->run("ROLLBACK", {});
            throw;
        }
        conn->run("COMMIT", {});
    }

    void write(const std::function<void(Conn&)>& f) override {
        Job job{&f, {}};
        auto done = job.result.get_future();
        {
            std::lock_guard lock(write_mu_);
            queue_.push_back(&job);
        }
        write_cv_.notify_one();
        done.get();  // rethrows the job's exception
    }

    PoolStats stats() const override {
        PoolStats s;
        {
            std::lock_guard lock(read_mu_);
            s.readers_total = static_cast<int>(readers_.size());
            s.readers_in_use = static_cast<int>(readers_.size() - free_readers_.size());
        }
        std::lock_guard lock(write_mu_);
        s.writes_committed = writes_committed_;
        s.write_batches = write_batches_;
        s.write_queue_depth = static_cast<int>(queue_.size());
        return s;
    }

    bool ping() override {
        try {
            read([](Conn& c) { c.query("SELECT 1"); });
            return true;
        } catch (...) {
            return false;
        }
    }

  private:
    struct Job {
        const std::function<void(Conn&)>* f;
        std::promise<void> result;
    };

    // The WAL holds `pages` after a commit: past 1000 (SQLite's own threshold), wake the checkpointer.
    static int on_wal_commit(void* self, sqlite3*, const char*, int pages) {
        auto* db = static_cast<SqliteDb*>(self);
        if (pages >= 1000) {
            {
                std::lock_guard lock(db->checkpoint_mu_);
                db->checkpoint_wanted_ = true;
            }
            db->checkpoint_cv_.notify_one();
        }
        return SQLITE_OK;
    }

    // PASSIVE: copies what no reader still needs, never waits for or blocks readers or the writer.
    void checkpoint_loop() {
        for (;;) {
            {
                std::unique_lock lock(checkpoint_mu_);
                checkpoint_cv_.wait(lock, [&] { return checkpoint_stop_ || checkpoint_wanted_; });
                if (checkpoint_stop_) return;
                checkpoint_wanted_ = false;
            }
            sqlite3_wal_checkpoint_v2(checkpoint_conn_.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        }
    }

    // Group commit: every transaction waiting when the writer is free goes into one
    // BEGIN IMMEDIATE … COMMIT, each under its own savepoint, so one fsync serves them all.
    void writer_loop() {
        for (;;) {
            std::vector<Job*> batch;
            {
                std::unique_lock lock(write_mu_);
                write_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
                if (queue_.empty()) return;
                while (!queue_.empty() && static_cast<int>(batch.size()) < options_.max_batch) {
                    batch.push_back(queue_.front());
                    queue_.pop_front();
                }
            }
            run_batch(batch);
        }
    }

    void run_batch(std::vector<Job*>& batch) {
        std::vector<std::exception_ptr> errors(batch.size());
        try {
            writer_conn_.run("BEGIN IMMEDIATE", {});
        } catch (...) {
            for (auto* j : batch) j->result.set_exception(std::current_exception());
            return;
        }
        bool broken = false;
        for (size_t i = 0; i < batch.size() && !broken; ++i) {
            writer_conn_.run("SAVEPOINT job", {});
            try {
                (*batch[i]->f)(writer_conn_);
                writer_conn_.run("RELEASE job", {});
            } catch (...) {
                errors[i] = std::current_exception();
                try {
                    writer_conn_.run("ROLLBACK TO job", {});
                    writer_conn_.run("RELEASE job", {});
                } catch (...) {
                    broken = true;  // the transaction is gone; fail the whole batch below
                }
            }
        }
        std::exception_ptr commit_error;
        try {
            if (broken) throw DbError(ErrorKind::other, "write transaction aborted");
            writer_conn_.run("COMMIT", {});
        } catch (...) {
            commit_error = std::current_exception();
            try {
                writer_conn_.run("ROLLBACK", {});
            } catch (...) {
            }
        }
        int64_t committed = 0;
        for (size_t i = 0; i < batch.size(); ++i)
            if (!errors[i] && !commit_error) ++committed;
        {
            // Counted before the writers wake, so stats() never lags a write() that returned.
            std::lock_guard lock(write_mu_);
            writes_committed_ += committed;
            ++write_batches_;
        }
        for (size_t i = 0; i < batch.size(); ++i) {
            if (errors[i]) {
                batch[i]->result.set_exception(errors[i]);
            } else if (commit_error) {
                batch[i]->result.set_exception(commit_error);
            } else {
                batch[i]->result.set_value();
            }
        }
    }

    Options options_;
    SqliteConn writer_conn_;
    SqliteConn checkpoint_conn_;
    std::vector<std::unique_ptr<SqliteConn>> readers_;
    std::vector<SqliteConn*> free_readers_;
    mutable std::mutex read_mu_;
    std::condition_variable read_cv_;

    mutable std::mutex write_mu_;
    std::condition_variable write_cv_;
    std::deque<Job*> queue_;
    bool stopping_ = false;
    int64_t writes_committed_ = 0;
    int64_t write_batches_ = 0;
    std::thread writer_;

    std::mutex checkpoint_mu_;
    std::condition_variable checkpoint_cv_;
    bool checkpoint_wanted_ = false;
    bool checkpoint_stop_ = false;
    std::thread checkpointer_;
};

}  // namespace

std::unique_ptr<Db> open_sqlite(const std::string& path, const Options& options) {
    return std::make_unique<SqliteDb>(path, options);
}

}  // namespace propdesk::db

#include "app/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace propdesk::app {

ProgressBar::ProgressBar(std::string label) : label_(std::move(label)), tty_(isatty(STDERR_FILENO) != 0) {}

void ProgressBar::update(size_t done, size_t total) {
    int percent = total == 0 ? 100 : static_cast<int>(done * 100 / total);
    if (percent == last_percent_) return;
    last_percent_ = percent;
    if (!tty_) return;
    constexpr int kWidth = 30;
    int filled = percent * kWidth / 100;
    std::fprintf(stderr, "\r%s [%.*s%*s] %3d%% %zu/%zu", label_.c_str(), filled, "##############################",
                 kWidth - filled, "", percent, done, total);
    std::fflush(stderr);
}

void ProgressBar::finish() {
    if (tty_ && last_percent_ >= 0) std::fprintf(stderr, "\n");
}

}  // namespace propdesk::app

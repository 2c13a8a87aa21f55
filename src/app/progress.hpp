// A progress bar on stderr for long operator commands; silent when stderr is not a terminal
// except for a final line.
#pragma once

#include <cstddef>
#include <string>

namespace propdesk::app {

class ProgressBar {
  public:
    explicit ProgressBar(std::string label);
    void update(size_t done, size_t total);
    void finish();

  private:
    std::string label_;
    bool tty_;
    int last_percent_ = -1;
};

}  // namespace propdesk::app

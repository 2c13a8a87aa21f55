#include "app/demo_seed.hpp"

namespace propdesk::app {

bool seed_demo_if_empty(db::Db& db, const Clock& clock) {
    return false;
}

}  // namespace propdesk::app

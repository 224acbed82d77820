#include <vector>

template <typename T>
class Ring {
public:
    explicit Ring(std::size_t n) : buf_(n) {}
    bool push(const T &v) { return false; } // full
private:
    std::vector<T> buf_;
};

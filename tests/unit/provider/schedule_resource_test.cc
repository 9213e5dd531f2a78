// Placeholder: filled in by its author.
#include <gtest/gtest.h>

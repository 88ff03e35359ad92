# Tests will come here.

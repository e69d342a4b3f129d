"""Demo data for `belong demo` and national-scale test data for `belong seed`: the top layer,
which Belong's own code never imports."""

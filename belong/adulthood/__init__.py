"""The 18th-birthday move (an orchestrator): a citizen who turns 18 leaves the youth space,
and every app that keeps something of theirs there takes part. A birth date verified or
corrected on the other side of 18 moves the citizen the same way, in either direction."""

# nothing held back: no "blocked" key
has("blocked") | not

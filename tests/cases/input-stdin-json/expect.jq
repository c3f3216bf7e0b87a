.estate == "lab-warnings"
.verdict == "warnings"
(.steps | length) == 14
.fingerprint == "sha256:11eb35792a7b257856209a276983b0c9883e04c8ad624340959029a54ab6cf25"

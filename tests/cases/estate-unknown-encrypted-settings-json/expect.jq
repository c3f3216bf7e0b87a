[.findings[] | select(.id == "estate.unknown" and (.detail | startswith("vmm.remote-upgrade-unsupported ")) and (.detail | contains("needs facts.encrypted_settings,")))] | length == 1

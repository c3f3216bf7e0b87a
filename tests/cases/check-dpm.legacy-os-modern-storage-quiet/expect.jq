[.findings[] | select(.id == "dpm.legacy-os-modern-storage")] | length == 0

# estate.md: a waived finding no longer counts toward the exit code; the only warning is waived, so exit 0
.findings[] | select(.id == "vmm.wsman-limits") | .waived == {"reason": "throughput is not a concern in the lab", "expires": "2027-01-31"}
.verdict == "ok"

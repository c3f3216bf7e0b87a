# facts: VMM BLOCK, SM PASS; ordo: one ip-unsupported finding, for the VMM pack only, resolved by registering the 2012 R2 pack (resolved_by), so exit 1
[.findings[] | select(.id == "orchestrator.ip-unsupported")] | length == 1
.findings[] | select(.id == "orchestrator.ip-unsupported") | (.detail | contains("for vmm") and (contains("for sm") | not))
.findings[] | select(.id == "orchestrator.ip-unsupported") | (.resolved_by | length >= 1)
.verdict == "planned"

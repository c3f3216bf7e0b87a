# facts: CONDITIONAL PASS (leave the group before, re-add after); ordo: a blocker the plan's step resolves (resolved_by), so exit 1
.findings[] | select(.id == "vmm.sql-availability-group") | .severity == "blocker" and (.resolved_by | length >= 1)
.verdict == "planned"

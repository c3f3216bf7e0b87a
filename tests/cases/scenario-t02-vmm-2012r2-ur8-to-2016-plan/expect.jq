# plan and check agree: the same findings and exit code; the rollup step comes before every VMM upgrade step
keys_unsorted == ["ordo", "estate", "catalog", "target", "fingerprint", "verdict", "findings", "steps"]
[.findings[] | select(.id != "estate.unknown") | .id] == ["path.update-rollup"]
.verdict == "planned"
(.findings[0].resolved_by[0]) as $r | .steps[] | select(.id == $r) | .action == "apply-update-rollup" and .component == "vmm" and (.title | contains("2012 R2 UR9"))
(.findings[0].resolved_by[0]) as $r | [.steps[] | select(.action == "upgrade" and .component == "vmm") | .id] | length > 0 and all(. > $r)

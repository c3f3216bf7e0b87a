[.findings[] | select(.id == "spf.wap-update-rollup")] | length == 1
.findings[] | select(.id == "spf.wap-update-rollup") | .severity == "blocker"
# cli.md: applying the Windows Azure Pack rollup is a plan step that resolves the blocker (resolved_by), so the exit code is 1
.findings[] | select(.id == "spf.wap-update-rollup") | .component == "spf"
.findings[] | select(.id == "spf.wap-update-rollup") | (.title | contains("2016"))
.findings[] | select(.id == "spf.wap-update-rollup") | (.resolved_by | length >= 1)

# facts: BLOCK until UR10; ordo: path.update-rollup resolved by the plan's rollup step (resolved_by), so exit 1
.findings[] | select(.id == "path.update-rollup") | .severity == "blocker" and (.detail | contains("2012 R2 UR10"))
.findings[] | select(.id == "path.update-rollup") | (.resolved_by | length >= 1)
# DPM 2016 runs on Windows Server 2012 R2 (the OS upgrade comes after the agents)
[.findings[] | select(.id == "os.unsupported")] | length == 0
[.findings[] | select(.id == "dpm.legacy-os-modern-storage")] | length == 1

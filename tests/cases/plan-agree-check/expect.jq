# the same lines in plan-agree-check and plan-agree-plan: check computes the plan, so both
# report the same findings, the same resolving steps and the same verdict
.verdict == "planned"
[.findings[] | select(.id != "estate.unknown") | {id, severity, component, resolved_by}] == [{"id":"path.update-rollup","severity":"blocker","component":"vmm-a","resolved_by":[1]},{"id":"path.update-rollup","severity":"blocker","component":"vmm-b","resolved_by":[2]},{"id":"vmm.library-share","severity":"warning","component":"vmm-b","resolved_by":[]}]
[.findings[] | select(.id != "estate.unknown") | .hop] == [{"from":"2016 UR2","to":"2019"},{"from":"2016 UR4","to":"2019"},{"from":"2016 UR4","to":"2019"}]
.fingerprint | test("^sha256:[0-9a-f]{64}$")
# check prints no steps
has("steps") | not

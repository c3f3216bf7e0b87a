# cli.md: keys in this order, stable across releases
keys_unsorted == ["ordo", "estate", "catalog", "target", "fingerprint", "verdict", "findings"]
.ordo == 1 and .estate == "lab-json" and .target == "2016"
.catalog | test("^system-center@.+")
.fingerprint | test("^sha256:[0-9a-f]{64}$")
.findings | length >= 2
.findings | all(keys_unsorted == ["id", "severity", "waivable", "waived", "component", "servers", "hop", "title", "detail", "remediation", "sources", "resolved_by"])
.findings[] | select(.id == "vmm.domain-member") | .waived | keys_unsorted == ["reason", "expires"]
.findings | all(.hop == null or (.hop | keys_unsorted == ["from", "to"]))
[.findings[].remediation[]] | length > 0 and all(keys_unsorted == ["type", "text"])
[.findings[].remediation[].type] | all(. == "hint" or . == "command" or . == "step")
.findings | all(.severity == "blocker" or .severity == "warning" or .severity == "info")
.findings | all((.sources | type) == "array" and (.resolved_by | type) == "array" and (.servers | type) == "array")

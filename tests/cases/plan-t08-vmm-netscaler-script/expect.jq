# T08 facts: CONDITIONAL PASS, run the ALTER TABLE script first. ordo: the blocker
# vmm.netscaler-script is resolved by a plan step (exit 1)
.verdict == "planned"
[.findings[] | select(.severity == "blocker") | .id] == ["vmm.netscaler-script"]
# the resolving step is the script itself, not some other prepare step
. as $p | [.findings[] | select(.id == "vmm.netscaler-script") | .resolved_by[] | $p.steps[. - 1] | [.action, (.title | test("NetScaler"))]] == [["prepare",true]]
# the script runs before VMM is uninstalled and reinstalled
. as $p | ([.findings[] | select(.id == "vmm.netscaler-script") | .resolved_by[0]] | first) as $r | $r < ([$p.steps[] | select(.action == "uninstall") | .id] | first)
# and after the database backup: the finding's own remediation says "Run it against the VMM database after the backup and before setup"
. as $p | ([.findings[] | select(.id == "vmm.netscaler-script") | .resolved_by[0]] | first) as $r | $r > ([$p.steps[] | select(.action == "backup") | .id] | first)
[.findings[] | select(.id == "vmm.netscaler-script") | .remediation[].text] | any(test("after the backup"))
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))

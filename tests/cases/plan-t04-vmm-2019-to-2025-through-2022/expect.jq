# T04 facts: "BLOCK: upgrade from 2019 and 2016 isn't supported", plan 2019 -> 2022 -> 2025.
# ordo plans both hops. Windows Server 2022 suits VMM 2022 but not VMM 2025, so the OS is
# upgraded in the 2025 hop only, by a procedure step that resolves os.unsupported (exit 1, not 2).
.verdict == "planned"
[.findings[] | select(.id == "path.intermediate" and .component == "vmm")] | length == 1
[.findings[] | select(.id == "os.unsupported") | .hop] == [{"from":"2022","to":"2025"}]
[.steps[] | select(.role == "management_server" and .action == "upgrade") | [.from, .to]] == [["2019 UR6","2022"],["2022","2025"]]
([.steps[] | select(.to == "2022") | .wave] | max) < ([.steps[] | select(.to == "2025") | .wave] | min)
[.steps[] | select(.action == "upgrade-os") | .to] == ["2025"]
. as $p | [.findings[] | select(.id == "os.unsupported") | .resolved_by[] | $p.steps[. - 1].action] == ["upgrade-os"]
# each hop installs its own ADK
[.steps[] | select(.action == "prepare" and (.title | test("ADK"))) | .to] == ["2022","2025"]
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))

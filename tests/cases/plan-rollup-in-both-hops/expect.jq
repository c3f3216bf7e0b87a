# one rollup step at the start of each hop, each resolving the finding of its hop
.verdict == "planned"
[.steps[] | select(.action == "apply-update-rollup") | [.from, .to]] == [["2012 R2 UR8","2012 R2 UR9"],["2016","2016 UR6"]]
. as $p | [.findings[] | select(.id == "path.update-rollup") | {hop: .hop.to, by: [.resolved_by[] | $p.steps[. - 1] | [.action, .to]]}] == [{"hop":"2016","by":[["apply-update-rollup","2012 R2 UR9"]]},{"hop":"2019","by":[["apply-update-rollup","2016 UR6"]]}]
# the second rollup comes after the whole 2016 hop and before anything of the 2019 hop
([.steps[] | select(.action == "apply-update-rollup" and .to == "2016 UR6") | .wave] | first) as $r | $r > ([.steps[] | select(.to == "2016") | .wave] | max) and $r < ([.steps[] | select(.to == "2019") | .wave] | min)
[.steps[] | select(.action == "upgrade" and .role == "management_server") | [.from, .to]] == [["2012 R2 UR9","2016"],["2016 UR6","2019"]]
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))

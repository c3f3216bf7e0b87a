# T25: PASS; top-down, one site at a time: CAS, primary sites in the listed order, secondary site, then consoles and clients
.verdict == "ok"
[.steps[] | select(.action == "upgrade") | "\(.role) \(.servers | join(","))"] == ["cas CAS01","primary_site PRI02","primary_site PRI01","secondary_site SEC01","console CON01","client "]
[.steps[] | select(.action == "upgrade" and (.role | test("cas|site"))) | .wave] | . == sort and (unique | length) == 4
# the CAS alone in its wave; each site waits for the one before
. as $p | [.steps[] | select(.action == "upgrade" and .role == "cas")][0] as $c | [$p.steps[] | select(.wave == $c.wave)] | length == 1
[.steps[] | select(.action == "upgrade" and (.role | test("cas|site")))] as $s | all(range(1; $s | length); $s[.].after == [$s[. - 1].id])
# clients after every site
([.steps[] | select(.action == "upgrade" and (.role | test("cas|site"))) | .wave] | max) < ([.steps[] | select(.action == "upgrade" and .role == "client") | .wave] | min)
[.steps[] | select(.action == "upgrade" and .role == "client") | .members] == [450]
# before the sites: maintenance tasks off, management point replicas off, unsupported roles removed, site databases backed up
([.steps[] | select(.action == "upgrade") | .wave] | min) as $f | [.steps[] | select(.wave < $f) | .title] | any(test("maintenance tasks")) and any(test("database replicas")) and any(test("site system roles")) and any(test("Back up the site databases"))
# structure: ids are 1..n in output order, waves never go down, start at 1 and leave no gap
[.steps[].id] == [range(1; (.steps | length) + 1)]
[.steps[].wave] as $w | $w == ($w | sort) and $w[0] == 1 and ($w | unique) == [range(1; ($w | max) + 1)]
# every `after` names an earlier step of an earlier wave
all(.steps[]; . as $s | all($s.after[]; . < $s.id))
(.steps | map({key: (.id | tostring), value: .wave}) | from_entries) as $w | all(.steps[]; . as $s | all($s.after[]; $w[tostring] < $s.wave))
# coverage: per component, role and hop, every named server a step of that role touches is upgraded by exactly one upgrade step
[.steps[] | select(.role != null and .role != "integration_pack")] | group_by([.component, .role, .to]) | all([.[] | select(.action == "upgrade") | .servers[]] as $u | ($u | length) == ($u | unique | length) and ([.[] | .servers[]] | unique) == ($u | unique))

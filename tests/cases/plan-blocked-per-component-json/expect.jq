# issue 3 item 5: per component, the open blockers that hold it back, and what would lift them
[.blocked[].component] == ["dpm", "vmm", "spf"]
.blocked[0].by == [.blocked[1].by[0]]
all(.blocked[]; .by == [.by[0]] and .by[0].id == "path.none" and .by[0].component == "dpm")
.blocked[0].by[0].title == (.findings[] | select(.id == "path.none") | .title)
.blocked[0].by[0].unblock == (.findings[] | select(.id == "path.none") | .remediation[0].text)
# Orchestrator comes before DPM and is not held back
[.blocked[] | select(.component == "orch")] == []

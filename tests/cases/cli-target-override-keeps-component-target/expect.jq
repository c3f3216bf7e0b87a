.findings[] | select(.id == "vmm.consoles-not-listed") | .hop == {"from": "2016 UR9", "to": "2019"}
[.findings[] | select(.id == "path.none" or .id == "sequence.out-of-order")] | length == 0
[.steps[] | select(.action == "upgrade" and .component == "spf") | .to] | unique == ["2016"]
[.steps[] | select(.action == "upgrade" and .component == "vmm") | .to] | unique == ["2019"]

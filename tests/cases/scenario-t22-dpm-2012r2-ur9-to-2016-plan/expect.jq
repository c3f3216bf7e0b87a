# T22 plan: UR10 -> DPM 2016 -> agents on protected servers -> Windows Server 2016 -> Remote Administrator
def first(f): [.steps[] | select(f) | .id] | min; first(.action == "apply-update-rollup") < first(.action == "upgrade" and .role == "server")
def first(f): [.steps[] | select(f) | .id] | min; first(.action == "upgrade" and .role == "server") < first(.action == "upgrade" and .role == "protected_agent")
def first(f): [.steps[] | select(f) | .id] | min; first(.action == "upgrade" and .role == "protected_agent") < first(.title | contains("Windows Server 2016"))
def first(f): [.steps[] | select(f) | .id] | min; first(.title | contains("Windows Server 2016")) < first(.action == "upgrade" and .role == "remote_administrator")
.steps[] | select(.action == "apply-update-rollup") | .title | contains("2012 R2 UR10")

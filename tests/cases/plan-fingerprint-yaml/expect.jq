# the same estate written in YAML (plan-fingerprint-yaml) and in JSON (plan-fingerprint-json), with
# the same small catalog: one fingerprint, one plan
.fingerprint | startswith("sha256:")
.fingerprint == "sha256:e4c42a747b78d229cf2dbe5e23e041edb1d4feab0655f28d2335cba332c5949d"
.verdict == "planned"
[.steps[] | [.id, .wave, .component, .action, (.servers | join(",")), .members, .to, .after]] == [[1,1,"db","apply-update-rollup","DB1,DB2",null,"1 UR2",[]],[2,2,"db","upgrade","DB1",null,"2",[1]],[3,3,"db","upgrade","DB2",null,"2",[2]],[4,4,"app","upgrade","APP1,APP2",null,"2",[3]],[5,5,"app","upgrade","",100,"2",[4]],[6,6,"app","upgrade","",100,"2",[5]],[7,7,"app","upgrade","",50,"2",[6]],[8,8,"db","upgrade","DB1",null,"3",[7]],[9,9,"db","upgrade","DB2",null,"3",[8]],[10,10,"app","upgrade","APP1,APP2",null,"3",[9]],[11,11,"app","upgrade","",100,"3",[10]],[12,12,"app","upgrade","",100,"3",[11]],[13,13,"app","upgrade","",50,"3",[12]]]

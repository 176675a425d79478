# METADATA
# title: Every VPC has a flow log of all traffic
# description: >-
#   Each AWS::EC2::VPC must have an AWS::EC2::FlowLog in the same template whose ResourceId references
#   it (Ref or Fn::GetAtt) and whose TrafficType is ALL. A flow log of ACCEPT or REJECT only misses
#   half of the network events; a VPC without one logs nothing.
# custom:
#   id: NET-3-AWS
#   severity: high
#   level: mandatory
#   controls: [NET-3]
#   remediation: >-
#     Add an AWS::EC2::FlowLog with ResourceType VPC, ResourceId {"Ref": <the VPC>} and TrafficType ALL
#     (CDK: vpc.addFlowLog or flowLogs on the Vpc construct with TrafficType.ALL).
#   resource_types: ["AWS::EC2::VPC", "AWS::EC2::FlowLog"]
#   checks:
#     "AWS::EC2::FlowLog": [ResourceId, TrafficType]
package cordon.rules.net_3_aws_vpc_flow_logs

import data.cordon.lib

deny contains lib.finding(addr, "FlowLog", msg) if {
	some addr, _ in lib.resources_of("AWS::EC2::VPC")
	not logged(addr)
	not traffic_unresolved(addr)
	not unknown_target_exists
	msg := sprintf("no AWS::EC2::FlowLog with TrafficType ALL references this VPC (%s)", [flow_logs_text(addr)])
}

# A flow log of this VPC whose TrafficType is known only at deploy time.
deny contains lib.unverifiable(addr, "FlowLog.TrafficType", fl.properties.TrafficType) if {
	some addr, _ in lib.resources_of("AWS::EC2::VPC")
	not logged(addr)
	some fl in flow_logs_of(addr)
	lib.unresolved(fl.properties.TrafficType)
}

# A flow log whose target is known only at deploy time may be this VPC's.
deny contains lib.unverifiable(addr, "FlowLog.ResourceId", fl.properties.ResourceId) if {
	some addr, _ in lib.resources_of("AWS::EC2::VPC")
	not logged(addr)
	not traffic_unresolved(addr)
	some fl in lib.resources_of("AWS::EC2::FlowLog")
	unknown_target(fl.properties)
}

flow_logs_of(addr) := [fl |
	some fl in lib.resources_of("AWS::EC2::FlowLog")
	target(fl.properties) == addr
]

target(p) := lib.ref_address(p.ResourceId)

logged(addr) if {
	some fl in flow_logs_of(addr)
	upper(fl.properties.TrafficType) == "ALL"
}

traffic_unresolved(addr) if {
	some fl in flow_logs_of(addr)
	lib.unresolved(fl.properties.TrafficType)
}

unknown_target(p) if {
	lib.unresolved(p.ResourceId)
	not lib.ref_address(p.ResourceId)
}

unknown_target_exists if {
	some fl in lib.resources_of("AWS::EC2::FlowLog")
	unknown_target(fl.properties)
}

flow_logs_text(addr) := "none references it" if count(flow_logs_of(addr)) == 0

flow_logs_text(addr) := sprintf("its flow logs capture %s", [concat(", ", sort([lib.shown(fl.properties, "TrafficType") | some fl in flow_logs_of(addr)]))]) if {
	count(flow_logs_of(addr)) > 0
}

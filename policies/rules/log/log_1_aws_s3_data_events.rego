# METADATA
# title: CloudTrail trails record reads and writes of every S3 object, audit buckets included
# description: >-
#   An AWS::CloudTrail::Trail must record S3 data events of every bucket, so access to the documents
#   and to the audit and trail buckets themselves is logged: an EventSelectors entry with a
#   DataResources of Type AWS::S3::Object whose Values hold the all-buckets ARN (arn:PARTITION:s3 or
#   arn:PARTITION:s3:::) and ReadWriteType All (missing is All), or an AdvancedEventSelectors entry
#   selecting eventCategory Data and resources.type AWS::S3::Object, narrowed by neither
#   resources.ARN nor readOnly. The trail writes into an Object Lock COMPLIANCE bucket (RET-3), so
#   the record of who read the audit logs cannot be altered either.
# custom:
#   id: LOG-1-AWS-S3-DATA
#   severity: high
#   level: mandatory
#   controls: [LOG-1]
#   remediation: >-
#     Add to the trail EventSelectors [{ReadWriteType: All, DataResources: [{Type: AWS::S3::Object,
#     Values: ["arn:aws:s3"]}]}] (CDK: trail.logAllS3DataEvents()).
#   resource_types: ["AWS::CloudTrail::Trail"]
#   checks:
#     "AWS::CloudTrail::Trail": [EventSelectors, AdvancedEventSelectors]
package cordon.rules.log_1_aws_s3_data_events

import data.cordon.lib

deny contains lib.finding(addr, "EventSelectors", msg) if {
	some addr, r in lib.resources_of("AWS::CloudTrail::Trail")
	not all_objects(r.properties)
	not unresolved_selectors(r.properties)
	msg := "the trail records no read and write data events of every S3 object: access to the documents and to the audit buckets goes unlogged"
}

deny contains lib.unverifiable(addr, k, r.properties[k]) if {
	some addr, r in lib.resources_of("AWS::CloudTrail::Trail")
	not all_objects(r.properties)
	some k in ["EventSelectors", "AdvancedEventSelectors"]
	lib.unresolved(r.properties[k])
}

unresolved_selectors(p) if lib.unresolved(p.EventSelectors)

unresolved_selectors(p) if lib.unresolved(p.AdvancedEventSelectors)

all_objects(p) if {
	some s in p.EventSelectors
	object.get(s, "ReadWriteType", "All") == "All"
	some d in s.DataResources
	d.Type == "AWS::S3::Object"
	some v in d.Values
	all_buckets(v)
}

all_objects(p) if {
	some s in p.AdvancedEventSelectors
	fields := {f.Field: f | some f in s.FieldSelectors}
	fields.eventCategory.Equals == ["Data"]
	fields["resources.type"].Equals == ["AWS::S3::Object"]
	not fields["resources.ARN"]
	not fields.readOnly
}

all_buckets(v) if {
	is_string(v)
	regex.match(`^arn:[a-z-]+:s3(:::)?$`, v)
}

# CDK's partition-neutral form: {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":s3:::"]]}.
all_buckets(v) if {
	[sep, parts] := v["Fn::Join"]
	sep == ""
	parts[0] == "arn:"
	parts[1] == {"Ref": "AWS::Partition"}
	parts[2] in {":s3", ":s3:::"}
	count(parts) == 3
}

# METADATA
# title: A tenant's data is encrypted only with that tenant's keys
# description: >-
#   Across the estate, every key a data store names is followed to the key it designates (a Ref or
#   GetAtt in its stack, an Fn::ImportValue to the exporting stack, a Terraform reference, a
#   Cloud KMS key name matching a key declared in the estate, or an AWS KMS alias name (alias/N or
#   its ARN, as a Terraform data stack reads its key stack's alias) matching an alias declared in the estate) and the key's tenant (its `tenant`
#   label, else its stack's tenant) must equal the data's tenant (its `tenant` label, else its
#   stack's). So no key serves two tenants, and no tenant's key serves platform data. A literal key
#   of a registered tenant's data that is neither one of its cmek keys, another tenant's, nor a key
#   declared in the estate cannot be attributed and is unverifiable; without a registry entry such
#   a key (outside the estate) is taken as the customer's own, as in ENC-5. Keys only known at
#   deploy time are ENC-1's findings.
# custom:
#   id: ENC-3
#   severity: critical
#   level: mandatory
#   controls: [ENC-3]
#   remediation: Encrypt the store with a key of its own tenant (the tenant's key stack or key ring); never share keys across tenants.
#   resource_types: ["AWS::S3::Bucket", "AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::Logs::LogGroup", "AWS::EC2::Volume", "AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::DocDB::DBCluster", "AWS::DocDBElastic::Cluster", "AWS::Kinesis::Stream", "AWS::EFS::FileSystem", "AWS::KMS::Key", "AWS::KMS::ReplicaKey", "AWS::KMS::Alias", google_storage_bucket, google_sql_database_instance, google_logging_project_bucket_config, google_artifact_registry_repository, google_cloud_run_v2_service, google_compute_disk, google_compute_region_disk, google_bigquery_dataset, google_bigquery_table, google_spanner_database, google_bigtable_instance, google_pubsub_topic, google_kms_crypto_key, google_kms_key_ring]
#   checks:
#     "AWS::S3::Bucket": [BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.KMSMasterKeyID]
#     "AWS::RDS::DBCluster": [KmsKeyId]
#     "AWS::RDS::DBInstance": [KmsKeyId]
#     "AWS::Logs::LogGroup": [KmsKeyId]
#     "AWS::EC2::Volume": [KmsKeyId]
#     "AWS::SQS::Queue": [KmsMasterKeyId]
#     "AWS::SNS::Topic": [KmsMasterKeyId]
#     "AWS::DynamoDB::Table": [SSESpecification.KMSMasterKeyId]
#     "AWS::DynamoDB::GlobalTable": [Replicas.SSESpecification.KMSMasterKeyId]
#     "AWS::DocDB::DBCluster": [KmsKeyId]
#     "AWS::DocDBElastic::Cluster": [KmsKeyId]
#     "AWS::Kinesis::Stream": [StreamEncryption.KeyId]
#     "AWS::EFS::FileSystem": [KmsKeyId]
#     "google_storage_bucket": [encryption.default_kms_key_name]
#     "google_sql_database_instance": [encryption_key_name]
#     "google_logging_project_bucket_config": [cmek_settings.kms_key_name]
#     "google_artifact_registry_repository": [kms_key_name]
#     "google_cloud_run_v2_service": [template.encryption_key]
#     "google_compute_disk": [disk_encryption_key.kms_key_self_link]
#     "google_compute_region_disk": [disk_encryption_key.kms_key_self_link]
#     "google_bigquery_dataset": [default_encryption_configuration.kms_key_name]
#     "google_bigquery_table": [encryption_configuration.kms_key_name]
#     "google_spanner_database": [encryption_config.kms_key_name, encryption_config.kms_key_names]
#     "google_bigtable_instance": [cluster.kms_key_name]
#     "google_pubsub_topic": [kms_key_name]
package cordon.rules.enc_3_tenant_keys

import data.cordon.lib
import data.cordon.lib.enc

deny_estate contains lib.estate_finding(use.stack, use.address, use.path, msg) if {
	some use in uses
	some key in keys_of(use)
	key.tenant != use.tenant
	msg := sprintf("%s is %s/%s, a key of %s; the data belongs to %s", [use.path, key.stack, key.address, who(key.tenant), who(use.tenant)])
}

deny_estate contains f if {
	some use in uses
	input.tenants[use.tenant]
	enc.enc_literal(use.value)
	count(keys_of(use)) == 0
	f := object.union(
		lib.estate_finding(use.stack, use.address, use.path, sprintf("%s is %s, a key cordon cannot attribute to tenant %s (not one of its registered cmek keys, nor a key declared in the estate)", [use.path, use.value, use.tenant])),
		{"unverifiable": true},
	)
}

# Every key a data store names, with the data's tenant (null for platform data).
# A list, not a set: hashing each use into a set cost a tenth of the rule's evaluation.
uses := [{"stack": name, "address": addr, "path": ref.path, "value": ref.value, "tenant": enc.tenant_or_null(r, doc)} |
	some name, doc in input.stacks
	some addr, r in doc.resources
	r.type in enc.data_types
	some ref in enc.key_refs(r)
]

who(null) := "no tenant (platform)"

who(t) := sprintf("tenant %s", [t]) if is_string(t)

# The keys a use designates, each with its tenant (a set: a key name could match several declarations):
# a reference designates a key of the estate, a literal a registered or declared one.
keys_of(use) := referenced(use) if not enc.enc_literal(use.value)

keys_of(use) := registered(use) | declared(use) if enc.enc_literal(use.value)

# A reference followed within its stack or, through an import, to the exporting stack.
referenced(use) := {{"stack": t.stack, "address": t.address, "tenant": enc.tenant_or_null(k, input.stacks[t.stack])} |
	t := lib.ref_target(use.value) with input as input.stacks[use.stack]
	k := input.stacks[t.stack].resources[t.address]
	k.type in enc.key_types
}

# A registered customer key (cmek.<environment>) is its tenant's.
registered(use) := {{"stack": "registry", "address": id, "tenant": id} | some id in cmek_owners[use.value]}

cmek_owners[key] contains id if {
	some id, tenant in input.tenants
	some key in object.get(tenant, "cmek", {})
	is_string(key)
}

# A Cloud KMS key name that names a key declared in the estate, or an AWS KMS alias (alias/N or its
# ARN) that names an alias declared in the estate (how a Terraform data stack names its key stack's key).
declared(use) := object.get(declared_keys, use.value, set()) | aliases_for(use)

# Declared Cloud KMS keys by full name (projects/P/locations/L/keyRings/R/cryptoKeys/K), gathered once:
# matching each use against every key of the estate was quadratic.
declared_keys[name] contains {"stack": sname, "address": addr, "tenant": enc.tenant_or_null(k, doc)} if {
	some sname, doc in input.stacks
	some addr, k in doc.resources
	k.type == "google_kms_crypto_key"
	is_string(k.properties.name)
	some ring in ring_names(k.properties.key_ring, doc)
	name := sprintf("%s/cryptoKeys/%s", [ring, k.properties.name])
}

# Declared AWS KMS aliases by name, each with the key it targets (or the alias itself when the
# target is not a key of its stack), gathered once like declared_keys.
declared_aliases[name] contains target if {
	some sname, doc in input.stacks
	some addr, a in doc.resources
	a.type == "AWS::KMS::Alias"
	name := a.properties.AliasName
	is_string(name)
	target := alias_target(sname, doc, addr, a)
}

alias_target(sname, doc, addr, a) := {"stack": sname, "address": key, "tenant": enc.tenant_or_null(doc.resources[key], doc)} if {
	key := lib.ref_address(a.properties.TargetKeyId) with input as doc
} else := {"stack": sname, "address": addr, "tenant": enc.tenant_or_null(a, doc)}

# An alias name is unique only within an account, and environments have accounts of their own: of
# the aliases declared with the name, those of the use's environment.
aliases_for(use) := {t |
	some t in declared_aliases[alias_of(use.value)]
	environment(t.stack) == environment(use.stack)
}

environment(stack) := object.get(input.stacks[stack].stack, "environment", null)

# The alias a literal key id names ("alias/N" or "arn:...:alias/N"); undefined when it names none,
# so the estate's aliases are gathered only when some key names one (a Cloud KMS name never does).
alias_of(v) := m[0][1] if {
	contains(v, "alias/")
	m := regex.find_all_string_submatch_n(`^(?:arn:[^:]+:kms:[^:]*:[^:]*:)?(alias/.+)$`, v, 1)
	count(m) == 1
}

# The full name of a key ring: written out, or a reference to a key ring declared in the stack.
ring_names(ring, _) := {ring} if enc.enc_literal(ring)

ring_names(ring, doc) := {sprintf("projects/%s/locations/%s/keyRings/%s", [p.project, p.location, p.name])} if {
	a := lib.ref_address(ring) with input as doc
	p := doc.resources[a].properties
	every v in [p.project, p.location, p.name] {
		is_string(v)
	}
}

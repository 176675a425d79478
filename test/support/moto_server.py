"""moto's server with fixes for gaps of its CloudFormation emulation that cordon's stacks hit.

Started by test/support/moto.ts on 127.0.0.1; never used against a real cloud. Each patch names
the moto behaviour it corrects; everything else is moto 5.2.5 as published.
"""
import logging
import sys
import threading

from moto.acm import models as acm_models
from moto.cloudformation import custom_model, parsing
from moto.cloudformation.responses import CloudFormationResponse
from moto.ec2 import models as ec2_models
from moto.ec2.models import route_tables
from moto.kms import models as kms_models
from moto.rds import models as rds_models

_create_key = kms_models.Key.create_from_cloudformation_json.__func__


def _key_from_cfn(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    # CloudFormation tags are {Key, Value}; moto hands them to KMS, which expects {TagKey, TagValue}.
    props = cloudformation_json["Properties"]
    props["Tags"] = [{"TagKey": t["Key"], "TagValue": t["Value"]} for t in props.get("Tags", [])]
    return _create_key(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)


kms_models.Key.create_from_cloudformation_json = classmethod(_key_from_cfn)


def _update_key(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
    # moto cannot update a key from CloudFormation (see _update_in_place); `Enabled` is what cordon changes.
    backend = kms_models.kms_backends[account_id][region_name]
    enabled = str(cloudformation_json["Properties"].get("Enabled", True)).lower() != "false"
    (backend.enable_key if enabled else backend.disable_key)(original_resource.id)
    return original_resource


kms_models.Key.update_from_cloudformation_json = classmethod(_update_key)

_parse_and_update_resource = parsing.parse_and_update_resource


def _update_in_place(logical_id, resource_json, resources_map, account_id, region_name):
    # moto replaces a changed resource whose type it cannot update with None, so every later
    # Fn::GetAtt on it fails ("references undefined resource"). CloudFormation updates it in place:
    # keep the resource as it was.
    updated = _parse_and_update_resource(logical_id, resource_json, resources_map, account_id, region_name)
    return resources_map[logical_id] if updated is None else updated


parsing.parse_and_update_resource = _update_in_place

# Aurora instances name no engine version (the cluster holds it); moto looks one up and has none.
rds_models.DBInstance.default_engine_versions.setdefault("aurora-postgresql", "16.4")


def _custom_resource_not_run(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    # moto runs a custom resource's Lambda in Docker, which is absent here, and then waits forever.
    # Complete it without running it and say so in the log: such a resource is never verified.
    logging.getLogger("moto").warning("custom resource %s (%s) not run: the emulator has no Lambda runtime", kwargs["LogicalId"], kwargs["ResourceType"])
    resource = custom_model.CustomModel(region_name, "not-run", kwargs["LogicalId"], resource_name)
    resource.set_data({})
    return resource


custom_model.CustomModel.create_from_cloudformation_json = classmethod(_custom_resource_not_run)


def _delete_route_table(cls, resource_name, cloudformation_json, account_id, region_name):
    # moto's CloudFormation deletes neither a route table nor its subnet associations, so the VPC
    # after them is never deleted ("has dependencies"). CloudFormation deletes all three with the stack.
    backend = ec2_models.ec2_backends[account_id][region_name]
    if resource_name in backend.route_tables:
        backend.route_tables[resource_name]._associations.clear()
        backend.delete_route_table(resource_name)


route_tables.RouteTable.delete_from_cloudformation_json = classmethod(_delete_route_table)


_cloudformation_lock = threading.Lock()
_call_action = CloudFormationResponse.call_action


def _call_action_serialized(self):
    # moto's server is threaded, but its CloudFormation backend is not thread-safe: Fn::ImportValue
    # iterates the region's exports while a concurrent CreateStack adds to them ("OrderedDict mutated
    # during iteration"). The failing CreateStack has already registered its stack, so it answers
    # 500, the SDK retries it, and the retry fails with AlreadyExistsException. One CloudFormation
    # request at a time, as a real stack operation is atomic to its callers.
    with _cloudformation_lock:
        return _call_action(self)


CloudFormationResponse.call_action = _call_action_serialized


class NotModelled:
    """A resource of a type moto's CloudFormation does not model (WAFv2, CloudFront, Aurora clusters...).

    moto drops such a resource, and then fails the whole stack on any `Fn::GetAtt` that names it.
    It stands in with placeholder attributes so the rest of the stack deploys; nothing of it exists,
    so a test can never read it back as verified.
    """

    def __init__(self, name):
        self.name = name

    @staticmethod
    def cloudformation_type():
        return "?"

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        logging.getLogger("moto").warning("%s (%s) not modelled by the emulator", kwargs["LogicalId"], kwargs["ResourceType"])
        if kwargs["ResourceType"] == "AWS::CertificateManager::Certificate":
            # Load balancer listeners look their certificate up in ACM: request it there.
            props = cloudformation_json["Properties"]
            return cls(acm_models.acm_backends[account_id][region_name].request_certificate(props["DomainName"], None, props.get("SubjectAlternativeNames", []), []))
        return cls(resource_name)

    @property
    def physical_resource_id(self):
        return self.name

    @classmethod
    def has_cfn_attr(cls, attr):
        return True

    def get_cfn_attribute(self, attribute_name):
        return f"{self.name}.{attribute_name}"

    def is_created(self):
        return True

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        pass

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        return original_resource


_resource_class_from_type = parsing.resource_class_from_type
parsing.resource_class_from_type = lambda resource_type: _resource_class_from_type(resource_type) or NotModelled

if __name__ == "__main__":
    from moto.server import main

    sys.exit(main(sys.argv[1:]))

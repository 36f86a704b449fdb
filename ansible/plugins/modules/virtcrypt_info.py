#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) VirtCrypt contributors
# MIT License (see LICENSE in the repository)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: virtcrypt_info
short_description: Facts about VirtCrypt on a KVM host - versions, migration jobs, encrypted domains
version_added: "0.1.0"
description:
  - Runs C(virtcrypt versions), C(virtcrypt jobs) and, for each domain a completed job created, C(virtcrypt status)
    (all with C(--json)) and returns what they say. Changes nothing.
  - The facts are also set as C(ansible_facts.virtcrypt).
author:
  - VirtCrypt contributors
options: {}
extends_documentation_fragment:
  - virtcrypt.kvm.virtcrypt
notes:
  - Supports check mode (it changes nothing in either mode).
seealso:
  - module: virtcrypt.kvm.virtcrypt_migrate
'''

EXAMPLES = r'''
- name: Read VirtCrypt's state
  virtcrypt.kvm.virtcrypt_info:
  register: virtcrypt

- name: Stop the play when a job is unfinished on this host
  ansible.builtin.assert:
    that: virtcrypt.jobs | selectattr('status', 'equalto', 'Unfinished') | list | length == 0
    fail_msg: "Resume or roll back first: {{ virtcrypt.jobs | selectattr('status', 'equalto', 'Unfinished') | map(attribute='id') | list }}"
'''

RETURN = r'''
versions:
  description: The versions of libvirt, the hypervisor, libcryptsetup, LVM and libblkid (keys libvirt, hypervisor, cryptsetup, lvm, blkid).
  returned: always
  type: dict
  sample: {libvirt: "9.0.0", hypervisor: "7.2.0", cryptsetup: "2.6.1", lvm: "2.03.16(2) (2022-05-18)", blkid: "2.38.1"}
jobs:
  description:
    - Every job in the job directory, oldest first (id, domain, target_domain, volume_group, mode, status, created_at,
      last_step, disks). status is C(Unfinished), C(Completed) or C(RolledBack).
  returned: always
  type: list
  elements: dict
damaged_jobs:
  description: Journals that cannot be read, with the reason (id, problem).
  returned: always
  type: list
  elements: dict
domains:
  description:
    - The domains completed jobs created that exist now, as C(virtcrypt status) reports them (domain, state, disks with
      source, open, underlyingDevice, sizeBytes, allowDiscards, inUse).
  returned: always
  type: list
  elements: dict
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.virtcrypt.kvm.plugins.module_utils.virtcrypt import (
    COMMON_ARGUMENTS, Virtcrypt, VirtcryptError, job_entries, summary)


def facts(virtcrypt):
    versions, _ = virtcrypt.run(['versions'])
    listing, _ = virtcrypt.run(['jobs'])
    entries = job_entries(listing)
    jobs = [summary(job) for _, job, _ in entries if job is not None]
    damaged = [dict(id=job_id, problem=problem) for job_id, job, problem in entries if job is None]
    domains = []
    for name in sorted(set(j['target_domain'] for j in jobs if j['status'] == 'Completed')):
        try:
            status, _ = virtcrypt.run(['status', '--domain', name])
        except VirtcryptError as e:
            if e.kind == 'not-found':
                continue
            raise
        domains.append(dict(domain=status['domain'], state=status['state'], disks=status['disks']))
    version_keys = ('libvirt', 'hypervisor', 'cryptsetup', 'lvm', 'blkid')
    return dict(versions=dict((k, versions[k]) for k in version_keys), jobs=jobs, damaged_jobs=damaged, domains=domains)


def argument_spec():
    return dict(COMMON_ARGUMENTS)


def main():
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
    try:
        found = facts(Virtcrypt(module))
    except VirtcryptError as e:
        module.fail_json(**e.result())
    module.exit_json(changed=False, ansible_facts=dict(virtcrypt=found), **found)


if __name__ == '__main__':
    main()

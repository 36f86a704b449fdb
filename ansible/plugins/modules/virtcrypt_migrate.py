#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) VirtCrypt contributors
# MIT License (see LICENSE in the repository)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: virtcrypt_migrate
short_description: Move a libvirt/KVM guest onto LUKS-encrypted LVM volumes, or roll such a move back
version_added: "0.1.0"
description:
  - Runs the installed C(virtcrypt) command (its C(--json) interface, schema 1) on the managed host.
  - With I(state=migrated), plans and runs a migration of I(domain) onto new LUKS-encrypted logical volumes in I(vg).
    A domain that an earlier job already migrated (a completed job in the job directory) is left as it is and
    reported with C(changed=false).
  - With I(state=rolled_back), rolls back the domain's latest job that is not rolled back yet; its new volumes and
    domain are removed, the source is restored. Nothing to roll back is C(changed=false).
  - In check mode, runs C(virtcrypt plan) and reports what would change; nothing is changed. A plan whose checks
    fail makes the task fail with I(kind=refused).
  - The passphrase reaches virtcrypt on its standard input, never on its command line or in a file.
  - On failure the result holds the error I(kind) and, when a job was started, its id in I(job), so a play can
    resume it (C(virtcrypt resume JOB)) or roll it back (this module with I(state=rolled_back)).
author:
  - VirtCrypt contributors
options:
  domain:
    description: The libvirt domain (guest) to migrate, by name.
    type: str
    required: true
  vg:
    description: The volume group that receives the new logical volumes. Required with I(state=migrated).
    type: str
  mode:
    description:
      - C(clone) defines a new domain (new name, UUID and MAC addresses) and keeps the source defined and shut off.
      - C(retarget) keeps the domain's identity and points its disks at the encrypted volumes.
      - C(live) keeps the domain running while its disks are mirrored.
      - C(in-place) encrypts the disks where they are, when the installed virtcrypt offers it.
    type: str
    choices: [clone, retarget, live, in-place]
    default: clone
  new_name:
    description: Clone mode, the new domain's name (default C(DOMAIN-clone)).
    type: str
  passphrase:
    description:
      - The passphrase of the new LUKS volumes (for a vault variable). Fed to virtcrypt on standard input.
      - Give this or I(key_file) with I(state=migrated).
    type: str
  key_file:
    description: A keyfile on the managed host whose bytes are the key (as C(cryptsetup --key-file)).
    type: path
  start:
    description: Start the migrated domain at the end.
    type: bool
    default: false
  header_backup_dir:
    description: A directory on the managed host that receives a LUKS header backup of each new volume.
    type: path
  shutdown_timeout:
    description: Seconds to wait for a running source domain to shut down before its disks are copied.
    type: int
  pbkdf:
    description: The key derivation of the new keyslots (virtcrypt's default is argon2id).
    type: str
    choices: [argon2id, argon2i, pbkdf2]
  iter_time:
    description: Milliseconds the key derivation should take (virtcrypt's default is 2000).
    type: int
  pbkdf_memory:
    description: Argon2 memory in KiB (virtcrypt's default is 1048576).
    type: int
  state:
    description: C(migrated) runs the migration; C(rolled_back) undoes the domain's latest job.
    type: str
    choices: [migrated, rolled_back]
    default: migrated
extends_documentation_fragment:
  - virtcrypt.kvm.virtcrypt
notes:
  - Supports check mode (runs C(virtcrypt plan)).
  - Run one guest per host at a time (C(serial) in the play); virtcrypt refuses a second job for a domain with an
    unfinished one.
seealso:
  - module: virtcrypt.kvm.virtcrypt_info
  - module: virtcrypt.kvm.virtcrypt_boot
'''

EXAMPLES = r'''
- name: Encrypt the mail server (its clone runs from /dev/mapper/cr_mail-crypt_vda)
  virtcrypt.kvm.virtcrypt_migrate:
    domain: mail
    vg: vg0
    new_name: mail-crypt
    passphrase: "{{ vault_luks_passphrase }}"
    header_backup_dir: /root/luks-headers
    start: true
  register: migration

- name: What would happen (check mode runs virtcrypt plan)
  virtcrypt.kvm.virtcrypt_migrate:
    domain: mail
    vg: vg0
    passphrase: "{{ vault_luks_passphrase }}"
  check_mode: true

- name: Undo the migration of mail (removes the clone and its volumes; the source was never written)
  virtcrypt.kvm.virtcrypt_migrate:
    domain: mail
    state: rolled_back
'''

RETURN = r'''
job:
  description: The id of the job that migrated (or was rolled back, or failed); null when there was none.
  returned: always
  type: str
  sample: 20260301-220512-3fa9c1
kind:
  description:
    - On failure, the error kind of docs/json.md (C(refused), C(job-failed), C(wrong-passphrase), C(not-found), ...),
      or C(unfinished-job) when the domain has a job that is neither completed nor rolled back.
  returned: failure
  type: str
  sample: refused
target_domain:
  description: The domain that runs (or would run) from the encrypted volumes.
  returned: when a plan or job exists
  type: str
  sample: mail-crypt
plan:
  description: The plan (virtcrypt's MigrationPlan, docs/json.md), in check mode.
  returned: check mode with state=migrated
  type: dict
result:
  description: The migration's outcome (virtcrypt's MigrationResult, docs/json.md).
  returned: when a migration ran
  type: dict
job_summary:
  description: The job in short (id, domain, target_domain, volume_group, mode, status, created_at, last_step, disks).
  returned: when a job exists
  type: dict
progress:
  description: The progress lines virtcrypt printed (step, disk, message, copy).
  returned: when a migration or rollback ran
  type: list
  elements: dict
'''

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.virtcrypt.kvm.plugins.module_utils.virtcrypt import (
    COMMON_ARGUMENTS, Virtcrypt, VirtcryptError, jobs_of, summary)


def argument_spec():
    spec = dict(
        domain=dict(type='str', required=True),
        vg=dict(type='str'),
        mode=dict(type='str', choices=['clone', 'retarget', 'live', 'in-place'], default='clone'),
        new_name=dict(type='str'),
        passphrase=dict(type='str', no_log=True),
        key_file=dict(type='path', no_log=False),
        start=dict(type='bool', default=False),
        header_backup_dir=dict(type='path'),
        shutdown_timeout=dict(type='int'),
        pbkdf=dict(type='str', choices=['argon2id', 'argon2i', 'pbkdf2']),
        iter_time=dict(type='int'),
        pbkdf_memory=dict(type='int'),
        state=dict(type='str', choices=['migrated', 'rolled_back'], default='migrated'),
    )
    spec.update(COMMON_ARGUMENTS)
    return spec


def new_module():
    return AnsibleModule(
        argument_spec=argument_spec(),
        mutually_exclusive=[('passphrase', 'key_file')],
        required_if=[('state', 'migrated', ('vg',)), ('state', 'migrated', ('passphrase', 'key_file'), True)],
        supports_check_mode=True,
    )


def plan_arguments(params):
    """The command line of plan and migrate for these parameters (the key is given separately)."""
    arguments = ['--domain', params['domain'], '--vg', params['vg'], '--mode', params['mode']]
    optional = [
        ('--new-name', params['new_name']),
        ('--header-backup', params['header_backup_dir']),
        ('--shutdown-timeout', params['shutdown_timeout']),
        ('--pbkdf', params['pbkdf']),
        ('--iter-time', params['iter_time']),
        ('--pbkdf-memory', params['pbkdf_memory']),
    ]
    for option, value in optional:
        if value is not None:
            arguments += [option, str(value)]
    if params['start']:
        arguments.append('--start')
    return arguments


def migrate(module, virtcrypt, jobs):
    params = module.params
    done = [job for job in jobs if job['Status'] == 'Completed']
    unfinished = [job for job in jobs if job['Status'] == 'Unfinished']
    if unfinished:
        job = unfinished[-1]
        raise VirtcryptError(
            'unfinished-job',
            "'%s' has the unfinished job %s: resume it (virtcrypt resume %s) or roll it back (state=rolled_back) first." % (
                params['domain'], job['Id'], job['Id']),
            job['Id'])
    if done:
        job = done[-1]
        return dict(changed=False, job=job['Id'], target_domain=job['Plan']['TargetDomain'], job_summary=summary(job))

    if module.check_mode:
        document, _ = virtcrypt.run(['plan'] + plan_arguments(params))
        plan = document['plan']
        if not document['canExecute']:
            failed = ['[%s] %s' % (c['Name'], c['Detail']) for c in plan['Checks'] if not c['Passed']]
            raise VirtcryptError('refused', 'The migration would be refused: ' + ' '.join(failed))
        return dict(changed=True, job=None, target_domain=plan['TargetDomain'], plan=plan)

    arguments = ['migrate', '--yes'] + plan_arguments(params)
    if params['key_file'] is not None:
        arguments += ['--key-file', params['key_file']]
    document, lines = virtcrypt.run(arguments, passphrase=params['passphrase'])
    return dict(changed=True, job=document['job'], target_domain=document['result']['Domain'], result=document['result'], progress=lines)


def roll_back(module, virtcrypt, jobs):
    pending = [job for job in jobs if job['Status'] != 'RolledBack']
    if not pending:
        return dict(changed=False, job=None)
    job = pending[-1]
    if module.check_mode:
        return dict(changed=True, job=job['Id'], target_domain=job['Plan']['TargetDomain'], job_summary=summary(job))
    _, lines = virtcrypt.run(['rollback', '--yes', job['Id']])
    return dict(changed=True, job=job['Id'], target_domain=job['Plan']['TargetDomain'], progress=lines)


def main():
    module = new_module()
    virtcrypt = Virtcrypt(module)
    try:
        listing, _ = virtcrypt.run(['jobs'])
        jobs = jobs_of(listing, module.params['domain'])
        action = migrate if module.params['state'] == 'migrated' else roll_back
        module.exit_json(**action(module, virtcrypt, jobs))
    except VirtcryptError as e:
        module.fail_json(**e.result())


if __name__ == '__main__':
    main()

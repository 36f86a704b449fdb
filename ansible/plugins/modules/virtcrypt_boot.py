#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) VirtCrypt contributors
# MIT License (see LICENSE in the repository)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
---
module: virtcrypt_boot
short_description: Open a migrated domain's LUKS volumes at boot, before libvirt autostarts it
version_added: "0.1.0"
description:
  - Makes the C(/etc/crypttab) entries of a domain's VirtCrypt volumes and the libvirt daemons' systemd ordering
    (drop-ins) present, as C(virtcrypt boot-config) generates them.
  - Asks virtcrypt for the desired files (C(boot-config --json)), compares them with the host's, and writes only when
    they differ (C(boot-config --write), atomic, the previous files kept as backups). Present already is
    C(changed=false).
  - In check mode, reports whether the files would change, with a diff, and writes nothing.
author:
  - VirtCrypt contributors
options:
  domain:
    description: The migrated domain whose volumes open at boot.
    type: str
    required: true
  key_file:
    description:
      - A keyfile on the managed host that opens the volumes at boot (enroll it with C(virtcrypt enroll-keyfile)).
      - Without it, the passphrase is asked at boot.
    type: path
  crypttab:
    description: The crypttab to keep the entries in.
    type: path
    default: /etc/crypttab
  dropin_dirs:
    description: The systemd drop-in directories of the libvirt daemons (virtcrypt's defaults when not given).
    type: list
    elements: path
  state:
    description: C(present) is the only state; removing entries is left to the administrator (a volume without its entry does not open at boot).
    type: str
    choices: [present]
    default: present
extends_documentation_fragment:
  - virtcrypt.kvm.virtcrypt
notes:
  - Supports check mode and diff mode.
  - Run C(systemctl daemon-reload) after a change (a handler).
seealso:
  - module: virtcrypt.kvm.virtcrypt_migrate
'''

EXAMPLES = r'''
- name: Open mail-crypt's volumes at boot with a keyfile
  virtcrypt.kvm.virtcrypt_boot:
    domain: mail-crypt
    key_file: /etc/luks-keys/mail-crypt.key
  notify: systemctl daemon-reload
'''

RETURN = r'''
entries:
  description: The crypttab lines of the domain's volumes.
  returned: always
  type: list
  elements: str
  sample: ["cr_mail-crypt_vda UUID=0d7bd4a4-4b5e-4a4f-9a0e-0b3bd4c4c0de none luks"]
dropins:
  description: The systemd drop-in files (path, text).
  returned: always
  type: list
  elements: dict
backups:
  description: The previous versions of the files virtcrypt kept when it wrote them.
  returned: when changed and not in check mode
  type: list
  elements: str
'''

import os

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.virtcrypt.kvm.plugins.module_utils.virtcrypt import (
    COMMON_ARGUMENTS, Virtcrypt, VirtcryptError)


def read(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return f.read()


def missing(desired):
    """The crypttab lines and drop-ins of ``desired`` (a boot-config document) that the host does not have as they are."""
    crypttab = read(desired['crypttab']) or ''
    lines = set(line.strip() for line in crypttab.splitlines())
    entries = [entry for entry in desired['entries'] if entry.strip() not in lines]
    dropins = [d for d in desired['dropIns'] if read(d['path']) != d['text']]
    return entries, dropins


def arguments(params, write):
    argv = ['boot-config', '--domain', params['domain'], '--crypttab', params['crypttab']]
    if params['key_file'] is not None:
        argv += ['--key-file', params['key_file']]
    for directory in params['dropin_dirs'] or []:
        argv += ['--dropin-dir', directory]
    if write:
        argv.append('--write')
    return argv


def argument_spec():
    spec = dict(
        domain=dict(type='str', required=True),
        key_file=dict(type='path', no_log=False),
        crypttab=dict(type='path', default='/etc/crypttab'),
        dropin_dirs=dict(type='list', elements='path'),
        state=dict(type='str', choices=['present'], default='present'),
    )
    spec.update(COMMON_ARGUMENTS)
    return spec


def main():
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
    virtcrypt = Virtcrypt(module)
    try:
        desired, _ = virtcrypt.run(arguments(module.params, write=False))
        entries, dropins = missing(desired)
        result = dict(changed=bool(entries or dropins), entries=desired['entries'], dropins=desired['dropIns'])
        if result['changed']:
            result['diff'] = [dict(after_header=desired['crypttab'], after='\n'.join(entries) + '\n')] + [
                dict(before_header=d['path'], before=read(d['path']) or '', after_header=d['path'], after=d['text']) for d in dropins]
        if result['changed'] and not module.check_mode:
            written, _ = virtcrypt.run(arguments(module.params, write=True))
            result['backups'] = written['backups']
    except VirtcryptError as e:
        module.fail_json(**e.result())
    module.exit_json(**result)


if __name__ == '__main__':
    main()

# -*- coding: utf-8 -*-
# Copyright (c) VirtCrypt contributors
# MIT License (see LICENSE in the repository)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """The options every module of the collection takes to reach virtcrypt (module_utils COMMON_ARGUMENTS)."""

    DOCUMENTATION = r'''
options:
  executable:
    description: The virtcrypt command, by name (looked up in PATH) or path.
    type: path
    default: virtcrypt
  connect:
    description: The libvirt connection URI.
    type: str
    default: qemu:///system
  job_dir:
    description: Where virtcrypt keeps its job journals.
    type: path
    default: /var/lib/virtcrypt/jobs
requirements:
  - virtcrypt with --json (schema 1) on the managed host, run as root
'''

# -*- coding: utf-8 -*-
# Copyright (c) VirtCrypt contributors
# MIT License (see LICENSE in the repository)
"""Runs the installed ``virtcrypt`` command with ``--json`` and reads its documents (docs/json.md, schema 1)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

SCHEMA = 1

# The options every module takes to reach virtcrypt and its journals.
COMMON_ARGUMENTS = dict(
    executable=dict(type='path', default='virtcrypt'),
    connect=dict(type='str', default='qemu:///system'),
    job_dir=dict(type='path', default='/var/lib/virtcrypt/jobs'),
)


class VirtcryptError(Exception):
    """virtcrypt reported an error document (or printed something that is not one of its documents)."""

    def __init__(self, kind, message, job=None, rc=None):
        super(VirtcryptError, self).__init__(message)
        self.kind = kind
        self.message = message
        self.job = job
        self.rc = rc

    def result(self):
        """The keys a failing module returns, so a play can branch on the kind and resume or roll back the job."""
        return dict(msg=self.message, kind=self.kind, job=self.job, rc=self.rc)


def parse(rc, stdout, stderr):
    """The document virtcrypt printed, or VirtcryptError for an error document or output that is no document.

    A refused plan (exit 3 with a plan document) is returned, not raised: it is a plan.
    """
    try:
        document = json.loads(stdout)
    except ValueError:
        raise VirtcryptError(
            'no-document',
            'virtcrypt (exit code %s) printed no JSON document; is it a version with --json? stderr: %s' % (rc, (stderr or '').strip()[-2000:]),
            rc=rc)
    if not isinstance(document, dict) or document.get('schema') != SCHEMA:
        raise VirtcryptError(
            'unknown-schema',
            'virtcrypt printed a document of schema %r; this collection reads schema %d' % (
                document.get('schema') if isinstance(document, dict) else None, SCHEMA),
            rc=rc)
    error = document.get('error')
    if error is not None:
        raise VirtcryptError(error.get('kind', 'failed'), error.get('message', ''), error.get('job'), rc)
    if rc != 0 and document.get('command') != 'plan':
        raise VirtcryptError('failed', 'virtcrypt exited with %s without an error document' % rc, rc=rc)
    return document


def progress(stderr):
    """The progress lines of a migration, resume or rollback (JSON objects, one a line); other lines are skipped."""
    lines = []
    for line in (stderr or '').splitlines():
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict) and 'step' in value:
            lines.append(value)
    return lines


def job_entries(document):
    """The jobs of a ``jobs`` or ``status`` document, each as (id, job or None, problem)."""
    return [(entry['id'], entry.get('job'), entry.get('problem')) for entry in document.get('jobs', [])]


def jobs_of(document, domain):
    """The readable jobs that migrated ``domain``, oldest first."""
    return [job for _, job, _ in job_entries(document) if job is not None and job['Plan']['Request']['Domain'] == domain]


def summary(job):
    """A job in a few keys: what a play needs to decide and to report."""
    history = job.get('History') or []
    last = history[-1] if history else None
    return dict(
        id=job['Id'],
        domain=job['Plan']['Request']['Domain'],
        target_domain=job['Plan']['TargetDomain'],
        volume_group=job['Plan']['Request']['VolumeGroup'],
        mode=job['Plan']['Request']['Mode'],
        status=job['Status'],
        created_at=job['CreatedAt'],
        last_step=None if last is None else dict(step=last['Step'], disk=last['Disk'], state=last['State']),
        disks=[dict(target=d['Target'], lv_path=d['LvPath'], mapper_path=d['MapperPath'], luks_uuid=d['LuksUuid']) for d in job['Plan']['Disks']],
    )


class Virtcrypt(object):
    """One module's way to virtcrypt: the executable, the libvirt URI and the job directory it was given."""

    def __init__(self, module):
        self.module = module
        executable = module.params['executable']
        self.executable = executable if '/' in executable else module.get_bin_path(executable, required=True)
        self.connect = module.params['connect']
        self.job_dir = module.params['job_dir']

    def argv(self, arguments, passphrase=False):
        """The command line: never the passphrase itself, only the flag that it comes on stdin."""
        argv = [self.executable] + list(arguments) + ['--json', '--connect', self.connect, '--job-dir', self.job_dir]
        if passphrase:
            argv.append('--passphrase-stdin')
        return argv

    def run(self, arguments, passphrase=None):
        """Runs virtcrypt and returns (document, progress lines); raises VirtcryptError for an error."""
        argv = self.argv(arguments, passphrase is not None)
        if passphrase is None:
            rc, stdout, stderr = self.module.run_command(argv)
        else:
            # run_command adds the newline that ends the passphrase's line; the pipe is closed after it.
            rc, stdout, stderr = self.module.run_command(argv, data=passphrase)
        return parse(rc, stdout, stderr), progress(stderr)

# -*- coding: utf-8 -*-
"""Every document the real virtcrypt printed (the fixtures) parses, and docs/json.md names every field it holds."""

import json
import os
import re

import pytest

from conftest import COLLECTION, fixture, fixture_names
from ansible_collections.virtcrypt.kvm.plugins.module_utils import virtcrypt

DOCS = os.path.join(os.path.dirname(COLLECTION), 'docs', 'json.md')
COMMANDS = ['plan', 'migrate', 'resume', 'rollback', 'jobs', 'status', 'open', 'close', 'start', 'stop', 'header-backup', 'boot-config', 'versions']
EXIT_CODES = {'usage': 2, 'invalid-key': 2, 'refused': 3, 'not-found': 1, 'device-mapper-unavailable': 1}


def envelope_keys(value, prefix=''):
    """The camelCase field names of a document, not descending into the library objects it embeds (PascalCase)."""
    keys = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            if key[:1].isupper():
                continue
            keys.add(key)
            keys |= envelope_keys(inner)
    elif isinstance(value, list):
        for inner in value:
            keys |= envelope_keys(inner)
    return keys


def test_there_is_a_fixture_of_each_kind_of_outcome():
    names = fixture_names()
    assert {'versions', 'plan-refused', 'migrate-refused', 'jobs', 'status', 'boot-config', 'boot-config-written', 'header-backup'} <= set(names)
    assert len([n for n in names if fixture(n)['rc'] != 0]) >= 6


@pytest.mark.parametrize('name', fixture_names())
def test_a_fixture_parses_to_its_document_or_its_error(name):
    run = fixture(name)
    document = json.loads(run['stdout'])

    assert document['schema'] == 1
    assert run['stderr'] == '', 'with --json, stderr holds only progress lines, and these commands print none'
    if 'error' in document:
        with pytest.raises(virtcrypt.VirtcryptError) as raised:
            virtcrypt.parse(run['rc'], run['stdout'], run['stderr'])
        error = raised.value
        assert (error.kind, error.message, error.job, error.rc) == (
            document['error']['kind'], document['error']['message'], document['error']['job'], run['rc'])
        assert run['rc'] == EXIT_CODES[error.kind]
        assert error.result()['kind'] == error.kind
    else:
        parsed = virtcrypt.parse(run['rc'], run['stdout'], run['stderr'])
        assert parsed == document
        assert parsed['command'] == run['argv'][1] and parsed['command'] in COMMANDS
        assert run['rc'] == (3 if parsed['command'] == 'plan' and not parsed['canExecute'] else 0)


@pytest.mark.parametrize('name', fixture_names())
def test_docs_json_md_names_every_field_of_the_document(name):
    with open(DOCS) as f:
        # `jobs[].id`, `error.kind`, `cryptsetup`, `lvm`: every name in code quotes, split at the path's punctuation.
        text = re.sub(r'```.*?```', '', f.read(), flags=re.S)
    documented = set(word for quoted in re.findall(r'`([^`]+)`', text) for word in re.split(r'[^A-Za-z]+', quoted) if word)
    document = json.loads(fixture(name)['stdout'])

    assert envelope_keys(document) - documented == set()


@pytest.mark.parametrize('kind', sorted(EXIT_CODES))
def test_docs_json_md_lists_every_error_kind_seen(kind):
    with open(DOCS) as f:
        assert '`%s`' % kind in f.read()


def test_output_that_is_no_document_is_an_error_of_its_own_kind():
    with pytest.raises(virtcrypt.VirtcryptError) as raised:
        virtcrypt.parse(1, 'Unhandled exception. System.Exception: boom\n', 'core dumped')

    assert raised.value.kind == 'no-document' and 'core dumped' in raised.value.message


def test_a_newer_schema_is_refused():
    run = fixture('versions')
    newer = json.loads(run['stdout'])
    newer['schema'] = 2

    with pytest.raises(virtcrypt.VirtcryptError) as raised:
        virtcrypt.parse(0, json.dumps(newer), '')

    assert raised.value.kind == 'unknown-schema'


def test_progress_lines_are_read_and_other_lines_skipped():
    stderr = '\n'.join([
        '{"schema":1,"step":"Copy","disk":"vda","message":"copying","copy":{"phase":"Copying","bytesDone":1,"bytesTotal":2,"bytesPerSecond":1.0,"secondsLeft":1.0}}',
        'not json',
        '{"schema":1,"step":"Define","disk":null,"message":"defined","copy":null}',
    ])

    assert [line['step'] for line in virtcrypt.progress(stderr)] == ['Copy', 'Define']


def test_a_job_summary_reads_the_journal_fields():
    job = [entry for entry in json.loads(fixture('jobs')['stdout'])['jobs'] if entry['id'] == '20260102-000000-bbbbbb'][0]['job']

    summary = virtcrypt.summary(job)

    assert summary['domain'] == 'web' and summary['target_domain'] == 'web-clone' and summary['status'] == 'Unfinished'
    assert summary['last_step'] == dict(step='Copy', disk='vda', state='Started')
    assert summary['disks'][0]['mapper_path'] == '/dev/mapper/cr_web-clone_vda'

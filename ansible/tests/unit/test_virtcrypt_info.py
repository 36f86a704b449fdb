# -*- coding: utf-8 -*-
"""virtcrypt_info: facts from versions, jobs and the status of each domain a completed job created."""

from ansible_collections.virtcrypt.kvm.plugins.modules import virtcrypt_info


def test_facts_hold_versions_jobs_damaged_journals_and_skip_a_vanished_domain(run_module):
    result, _, host = run_module(
        virtcrypt_info.main, dict(executable='/usr/sbin/virtcrypt'), {'versions': 'versions', 'jobs': 'jobs', 'status': 'error-not-found'})

    assert host.commands() == ['versions', 'jobs', 'status']
    assert host.calls[2]['argv'][1:4] == ['status', '--domain', 'mail-clone'], 'the target of the only completed job'
    assert result['changed'] is False
    assert result['versions']['cryptsetup'] == '2.6.1'
    assert [(j['id'], j['status']) for j in result['jobs']] == [('20260101-000000-aaaaaa', 'Completed'), ('20260102-000000-bbbbbb', 'Unfinished')]
    assert [d['id'] for d in result['damaged_jobs']] == ['20260103-000000-cccccc']
    assert result['domains'] == []
    assert result['ansible_facts']['virtcrypt']['jobs'] == result['jobs']


def test_an_error_other_than_a_vanished_domain_fails_with_its_kind(run_module):
    result, _, _ = run_module(
        virtcrypt_info.main, dict(executable='/usr/sbin/virtcrypt'), {'versions': 'versions', 'jobs': 'jobs', 'status': 'error-device-mapper-unavailable'})

    assert result['failed'] and result['kind'] == 'device-mapper-unavailable'

# -*- coding: utf-8 -*-
"""virtcrypt_migrate: argument handling, the passphrase only on stdin, idempotence, check mode, failures with kind and job."""

from ansible_collections.virtcrypt.kvm.plugins.modules import virtcrypt_migrate

SECRET = 'correct horse battery staple'
BASE = dict(executable='/usr/sbin/virtcrypt', job_dir='/var/lib/virtcrypt/jobs')


def args(**extra):
    result = dict(BASE)
    result.update(extra)
    return result


def test_migrated_needs_a_volume_group(run_module):
    result, _, host = run_module(virtcrypt_migrate.main, args(domain='test', passphrase=SECRET), {})

    assert result['failed'] and 'vg' in result['msg']
    assert host.calls == []


def test_migrated_needs_a_passphrase_or_a_key_file(run_module):
    result, _, host = run_module(virtcrypt_migrate.main, args(domain='test', vg='vg0'), {})

    assert result['failed'] and 'passphrase' in result['msg'] and 'key_file' in result['msg']
    assert host.calls == []


def test_passphrase_and_key_file_exclude_each_other(run_module):
    result, printed, host = run_module(virtcrypt_migrate.main, args(domain='test', vg='vg0', passphrase=SECRET, key_file='/root/k'), {})

    assert result['failed'] and 'mutually exclusive' in result['msg']
    assert SECRET not in printed
    assert host.calls == []


def test_an_unknown_mode_is_refused(run_module):
    result, _, host = run_module(virtcrypt_migrate.main, args(domain='test', vg='vg0', passphrase=SECRET, mode='hot'), {})

    assert result['failed'] and 'mode' in result['msg']
    assert host.calls == []


def test_the_passphrase_goes_to_stdin_never_into_argv_nor_the_result(run_module):
    result, printed, host = run_module(
        virtcrypt_migrate.main,
        args(domain='test', vg='vg_missing', passphrase=SECRET, pbkdf='pbkdf2', iter_time=100, new_name='test-crypt'),
        {'jobs': 'jobs', 'migrate': 'migrate-refused'})

    assert host.commands() == ['jobs', 'migrate']
    migrate = host.calls[1]
    assert migrate['data'] == SECRET
    assert '--passphrase-stdin' in migrate['argv'] and '--yes' in migrate['argv'] and '--json' in migrate['argv']
    assert ['--new-name', 'test-crypt'] == migrate['argv'][migrate['argv'].index('--new-name'):][:2]
    assert ['--iter-time', '100'] == migrate['argv'][migrate['argv'].index('--iter-time'):][:2]
    assert all(SECRET not in word for call in host.calls for word in call['argv'])
    assert host.calls[0]['data'] is None
    assert SECRET not in printed
    assert result['failed'] and result['kind'] == 'refused' and result['job'] is None and result['rc'] == 3
    assert 'vg_missing' in result['msg']


def test_a_key_file_is_passed_by_path_and_nothing_goes_to_stdin(run_module):
    _, _, host = run_module(
        virtcrypt_migrate.main, args(domain='test', vg='vg_missing', key_file='/root/test.key'), {'jobs': 'jobs', 'migrate': 'migrate-refused'})

    migrate = host.calls[1]
    assert migrate['data'] is None and '--passphrase-stdin' not in migrate['argv']
    assert ['--key-file', '/root/test.key'] == migrate['argv'][migrate['argv'].index('--key-file'):][:2]


def test_a_domain_a_completed_job_migrated_is_unchanged_and_nothing_runs(run_module):
    result, _, host = run_module(virtcrypt_migrate.main, args(domain='mail', vg='vg0', passphrase=SECRET), {'jobs': 'jobs'})

    assert host.commands() == ['jobs']
    assert result['changed'] is False and 'failed' not in result
    assert result['job'] == '20260101-000000-aaaaaa' and result['target_domain'] == 'mail-clone'
    assert result['job_summary']['status'] == 'Completed'


def test_an_unfinished_job_fails_with_its_id_so_the_play_can_resume_or_roll_back(run_module):
    result, _, host = run_module(virtcrypt_migrate.main, args(domain='web', vg='vg0', passphrase=SECRET), {'jobs': 'jobs'})

    assert host.commands() == ['jobs']
    assert result['failed'] and result['kind'] == 'unfinished-job' and result['job'] == '20260102-000000-bbbbbb'


def test_check_mode_plans_and_a_refused_plan_fails_with_kind_refused(run_module):
    result, _, host = run_module(
        virtcrypt_migrate.main, args(domain='test', vg='vg_missing', passphrase=SECRET), {'jobs': 'jobs', 'plan': 'plan-refused'}, check_mode=True)

    assert host.commands() == ['jobs', 'plan']
    assert '--passphrase-stdin' not in host.calls[1]['argv'] and host.calls[1]['data'] is None
    assert result['failed'] and result['kind'] == 'refused' and 'vg_missing' in result['msg']


def test_rolled_back_rolls_back_the_domains_latest_job(run_module):
    result, _, host = run_module(virtcrypt_migrate.main, args(domain='test', state='rolled_back'), {'jobs': 'jobs', 'rollback': 'rollback-unknown'})

    assert host.commands() == ['jobs'], 'the jobs fixture has no job of domain test: nothing to roll back'
    assert result['changed'] is False and result['job'] is None


def test_rolled_back_runs_rollback_with_the_job_id_and_reports_its_failure(run_module):
    result, _, host = run_module(virtcrypt_migrate.main, args(domain='mail', state='rolled_back'), {'jobs': 'jobs', 'rollback': 'rollback-unknown'})

    assert host.commands() == ['jobs', 'rollback']
    assert host.calls[1]['argv'][1:4] == ['rollback', '--yes', '20260101-000000-aaaaaa']
    assert result['failed'] and result['kind'] == 'not-found'


def test_rolled_back_in_check_mode_changes_nothing(run_module):
    result, _, host = run_module(virtcrypt_migrate.main, args(domain='mail', state='rolled_back'), {'jobs': 'jobs'}, check_mode=True)

    assert host.commands() == ['jobs']
    assert result['changed'] is True and result['job'] == '20260101-000000-aaaaaa'

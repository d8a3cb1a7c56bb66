-- The service keeps the policies and routing rules in memory while they do not change
-- (dev.smartretry.service.database.TableChanges). Every statement that changes them notifies
-- the channel smart_retry_changes at commit, whoever runs it: an instance of the service or
-- an operator by hand. The payload names the table.
create function smart_retry_notify_change() returns trigger
language plpgsql as $$
begin
  perform pg_notify('smart_retry_changes', tg_table_name);
  return null;
end
$$;

create trigger policies_changed
after insert or update or delete or truncate on policies
for each statement execute function smart_retry_notify_change();

create trigger policy_rules_changed
after insert or update or delete or truncate on policy_rules
for each statement execute function smart_retry_notify_change();

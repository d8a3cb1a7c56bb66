-- What the API accepts for a policy's name and final action (dev.smartretry.service.policy.Names
-- and FinalAction), held by the database too.
--
-- final_action: what the billing system should do with an invoice once retrying ends without
-- recovering it: mark it uncollectible, cancel its subscription, or leave it open.
alter table policies
  add constraint policies_name_form check (name ~ '^[a-z0-9_-]{1,64}$'),
  add constraint policies_final_action_known
    check (final_action in ('mark_uncollectible', 'cancel_subscription', 'leave_open'));

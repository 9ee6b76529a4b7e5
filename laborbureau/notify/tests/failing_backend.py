"""An e-mail backend for tests that refuses every message addressed to a domain
containing "fail" and delivers the rest to django.core.mail.outbox."""

from django.core.mail.backends.locmem import EmailBackend


class FailingForSomeBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            if any("fail" in address.split("@")[-1] for address in message.to):
                raise ConnectionRefusedError("SMTP server refused the connection")
        return super().send_messages(messages)

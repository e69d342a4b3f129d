"""The WebSocket side of live delivery: a participant's page listens to its conversation."""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.db.models import Q

from belong.messaging.live import conversation_group
from belong.messaging.models import Conversation


@database_sync_to_async
def _takes_part(user, pk: int) -> bool:
    return Conversation.objects.filter(
        Q(starter_id=user.pk) | Q(recipient_id=user.pk), pk=pk
    ).exists()


class ConversationConsumer(AsyncJsonWebsocketConsumer):
    group = None

    async def connect(self):
        user = self.scope.get("user")
        pk = int(self.scope["url_route"]["kwargs"]["pk"])
        if user is None or not user.is_authenticated or not await _takes_part(user, pk):
            await self.close(code=4403)
            return
        try:
            await self.channel_layer.group_add(conversation_group(pk), self.channel_name)
        except Exception:  # noqa: BLE001  (layer down: refuse, the page polls instead)
            await self.close(code=1011)
            return
        self.group = conversation_group(pk)
        await self.accept()

    async def disconnect(self, code):
        if self.group:
            try:
                await self.channel_layer.group_discard(self.group, self.channel_name)
            except Exception:  # noqa: BLE001, S110  (nothing to clean up when the layer is gone)
                pass

    async def receive_json(self, content, **kwargs):
        # Sending goes through the page's form, so every rule is checked in one place.
        return

    async def conversation_message(self, event):
        await self.send_json(
            {"type": "message", "id": event["message_id"], "sent_at": event["sent_at"]}
        )

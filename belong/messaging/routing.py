from django.urls import path

from belong.messaging.consumers import ConversationConsumer

websocket_urlpatterns = [
    path("ws/beskeder/<int:pk>/", ConversationConsumer.as_asgi()),
]

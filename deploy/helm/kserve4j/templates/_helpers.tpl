{{/* The controller's namespace: namespace.name, else the release namespace. */}}
{{- define "kserve4j.namespace" -}}
{{- default .Release.Namespace .Values.namespace.name -}}
{{- end -}}

{{/* Labels of every object of the controller. */}}
{{- define "kserve4j.labels" -}}
app.kubernetes.io/name: kserve4j
app.kubernetes.io/component: controller
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Labels that select the controller's pods (unchanged across upgrades). */}}
{{- define "kserve4j.selectorLabels" -}}
app.kubernetes.io/name: kserve4j
app.kubernetes.io/component: controller
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* repository:tag of an image value. */}}
{{- define "kserve4j.image" -}}
{{- printf "%s:%s" .repository .tag -}}
{{- end -}}

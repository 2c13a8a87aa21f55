// CSV upload with progress. fetch() cannot report upload progress, XMLHttpRequest can.
import { ApiError, buildUrl, NETWORK_ERROR, reportUnauthorized, type ErrorBody } from './client'

export function uploadCsv<T>(path: string, file: Blob, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', buildUrl(path))
    xhr.setRequestHeader('Content-Type', 'text/csv; charset=utf-8')
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.responseType = 'json'
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total)
    }
    xhr.onload = () => {
      const body = xhr.response as { error?: ErrorBody } | null
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1)
        resolve(body as T)
        return
      }
      const err = body?.error ?? { code: 'http_' + xhr.status, message: xhr.statusText }
      if (xhr.status === 401) reportUnauthorized()
      const retry = Number.parseInt(xhr.getResponseHeader('Retry-After') ?? '', 10)
      reject(new ApiError(xhr.status, err, Number.isFinite(retry) ? retry : undefined))
    }
    xhr.onerror = () => reject(new ApiError(NETWORK_ERROR, { code: 'network', message: 'network error' }))
    xhr.send(file)
  })
}
